package io.airstay.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The objects `kubectl kustomize` renders from one kustomization directory (rendered once per test run). */
final class Rendered {

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    /** Complete deployments: everything they reference must be in them (or made by an operator from them). */
    static final List<String> OVERLAYS = List.of("k8s/overlays/dev", "k8s/overlays/prod",
            "k8s/overlays/prod/search-service", "k8s/overlays/prod/booking-service",
            "k8s/overlays/prod/review-service", "k8s/overlays/prod/availability-service",
            "k8s/overlays/prod/gateway");
    /** Bases: one component each, applied into an environment that provides its database and Secret. */
    static final List<String> BASES = List.of("k8s/base/search-service", "k8s/base/booking-service",
            "k8s/base/review-service", "k8s/base/availability-service", "k8s/base/gateway", "k8s/base/redis",
            "k8s/base/database");
    static final List<String> SERVICES = List.of("search", "booking", "review", "availability");

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    /** A pod as it will exist: from a workload's template, or as an operator creates it from its resource. */
    record Pod(String owner, Map<String, String> labels, JsonNode spec) {
    }

    final String directory;
    final List<ObjectNode> objects;

    private Rendered(String directory, List<ObjectNode> objects) {
        this.directory = directory;
        this.objects = objects;
    }

    static Rendered of(String directory) {
        return CACHE.computeIfAbsent(directory, dir -> {
            String yaml = Tools.succeed(Tools.ROOT, List.of("kubectl", "kustomize", dir));
            List<ObjectNode> objects = new ArrayList<>();
            try (var parser = YAML.createParser(yaml)) {
                Iterator<ObjectNode> documents = YAML.readValues(parser, ObjectNode.class);
                documents.forEachRemaining(objects::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Rendered(dir, objects);
        });
    }

    static Stream<String> all() {
        return Stream.concat(OVERLAYS.stream(), BASES.stream());
    }

    @Override
    public String toString() {
        return directory;
    }

    Stream<ObjectNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return kind(kind).filter(o -> name(o).equals(name)).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    /** Workloads' pod templates. */
    Stream<Pod> templates() {
        return objects.stream().filter(o -> Stream.of("Deployment", "StatefulSet").anyMatch(k -> o.path("kind").asText().equals(k)))
                .map(o -> new Pod(o.path("kind").asText() + "/" + name(o),
                        strings(o.at("/spec/template/metadata/labels")), o.at("/spec/template/spec")));
    }

    /** Every pod: the workloads', CloudNativePG's instances and Strimzi's brokers (labels as the operators set them). */
    Stream<Pod> pods() {
        Stream<Pod> instances = kind("Cluster").map(cluster -> {
            Map<String, String> labels = strings(cluster.at("/spec/inheritedMetadata/labels"));
            labels.put("cnpg.io/cluster", name(cluster));
            labels.put("cnpg.io/podRole", "instance");
            return new Pod("Cluster/" + name(cluster), labels, JSON.createObjectNode());
        });
        Stream<Pod> brokers = kind("KafkaNodePool").map(pool -> {
            Map<String, String> labels = strings(pool.at("/spec/template/pod/metadata/labels"));
            labels.put("strimzi.io/cluster", pool.at("/metadata/labels/strimzi.io~1cluster").asText());
            labels.put("strimzi.io/pool-name", name(pool));
            labels.put("strimzi.io/kind", "Kafka");
            return new Pod("KafkaNodePool/" + name(pool), labels, JSON.createObjectNode());
        });
        return Stream.of(templates(), instances, brokers).flatMap(s -> s);
    }

    /** Whether a label selector ({matchLabels, matchExpressions} or a Service's plain map) selects these labels. */
    static boolean selects(JsonNode selector, Map<String, String> labels, boolean plainMap) {
        JsonNode matchLabels = plainMap ? selector : selector.path("matchLabels");
        for (Map.Entry<String, String> required : strings(matchLabels).entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
