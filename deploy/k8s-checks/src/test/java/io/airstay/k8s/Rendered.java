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
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
            "k8s/base/database", "k8s/base/default-deny");
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

    /** A copy without the objects that match (for checks that a rule matters; not cached). */
    Rendered without(Predicate<ObjectNode> unwanted) {
        return new Rendered(directory + " (edited)", objects.stream().filter(unwanted.negate()).toList());
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

    /**
     * Every pod: the workloads', CloudNativePG's instances, Strimzi's brokers, entity operator and Kafka exporter, and
     * the Spark driver and executors of each ScheduledSparkApplication's runs (labels as the operators set them; ports
     * those that other pods connect to, probes' ports left out).
     */
    Stream<Pod> pods() {
        Stream<Pod> instances = kind("Cluster").map(cluster -> {
            Map<String, String> labels = strings(cluster.at("/spec/inheritedMetadata/labels"));
            labels.put("cnpg.io/cluster", name(cluster));
            labels.put("cnpg.io/podRole", "instance");
            return new Pod("Cluster/" + name(cluster), labels, ports("postgresql", 5432, "status", 8000, "metrics", 9187));
        });
        Stream<Pod> brokers = kind("KafkaNodePool").map(pool -> {
            String cluster = pool.at("/metadata/labels/strimzi.io~1cluster").asText();
            Map<String, String> labels = strings(pool.at("/spec/template/pod/metadata/labels"));
            labels.putAll(strimziLabels(cluster, cluster + "-kafka"));
            labels.put("strimzi.io/pool-name", name(pool));
            ObjectNode spec = ports("tcp-ctrlplane", 9090, "tcp-replication", 9091, "tcp-kafkaagent", 8443);
            find("Kafka", cluster).ifPresent(kafka -> kafka.at("/spec/kafka/listeners").forEach(listener -> ((ArrayNode) spec
                    .at("/containers/0/ports")).addObject().put("name", "tcp-" + listener.path("name").asText())
                    .put("containerPort", listener.path("port").asInt())));
            return new Pod("KafkaNodePool/" + name(pool), labels, spec);
        });
        Stream<Pod> strimzi = kind("Kafka").flatMap(kafka -> {
            List<Pod> pods = new ArrayList<>();
            if (kafka.at("/spec").has("entityOperator")) {
                pods.add(new Pod("Kafka/" + name(kafka) + "-entity-operator", strimziLabels(name(kafka), name(kafka) + "-entity-operator"),
                        ports()));
            }
            if (kafka.at("/spec").has("kafkaExporter")) {
                pods.add(new Pod("Kafka/" + name(kafka) + "-kafka-exporter", strimziLabels(name(kafka), name(kafka) + "-kafka-exporter"),
                        ports("tcp-prometheus", 9404)));
            }
            return pods.stream();
        });
        return Stream.of(templates(), instances, brokers, strimzi, sparkPods()).flatMap(s -> s);
    }

    /**
     * The driver and the executors of each ScheduledSparkApplication's runs, as the Kubeflow Spark Operator and Spark
     * make them from its template: the role's labels, env, volume mounts and security context in the container, the
     * template's volumes, Spark's ports (the application's or Spark on Kubernetes' defaults).
     */
    Stream<Pod> sparkPods() {
        return kind("ScheduledSparkApplication").flatMap(application -> {
            JsonNode template = application.at("/spec/template");
            return Stream.of(
                    sparkPod(application, "driver", ports("driver-rpc-port", sparkPort(template, "spark.driver.port", 7078),
                            "blockmanager", sparkPort(template, "spark.driver.blockManager.port", 7079),
                            "spark-ui", sparkPort(template, "spark.ui.port", 4040))),
                    sparkPod(application, "executor", ports("blockmanager", sparkPort(template, "spark.blockManager.port", 7079))));
        });
    }

    private static Pod sparkPod(JsonNode application, String role, ObjectNode spec) {
        JsonNode template = application.at("/spec/template");
        JsonNode settings = template.path(role);
        Map<String, String> labels = strings(settings.path("labels"));
        labels.put("spark-role", role);
        ObjectNode container = (ObjectNode) spec.at("/containers/0");
        for (String field : List.of("env", "volumeMounts", "securityContext")) {
            if (settings.has(field)) {
                container.set(field, settings.path(field).deepCopy());
            }
        }
        if (template.has("volumes")) {
            spec.set("volumes", template.path("volumes").deepCopy());
        }
        if (settings.has("serviceAccount")) {
            spec.put("serviceAccountName", settings.path("serviceAccount").asText());
        }
        return new Pod("ScheduledSparkApplication/" + name(application) + "-" + role, labels, spec);
    }

    /** A port of Spark's configuration, as the application sets it or Spark on Kubernetes defaults it. */
    static int sparkPort(JsonNode application, String key, int defaultPort) {
        JsonNode value = application.path("sparkConf").path(key);
        return value.isMissingNode() ? defaultPort : Integer.parseInt(value.asText());
    }

    private static Map<String, String> strimziLabels(String cluster, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("strimzi.io/cluster", cluster);
        labels.put("strimzi.io/name", name);
        labels.put("strimzi.io/kind", "Kafka");
        return labels;
    }

    /** A pod spec with one container listening on these (name, number) ports. */
    private static ObjectNode ports(Object... namesAndNumbers) {
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode ports = spec.putArray("containers").addObject().putArray("ports");
        for (int i = 0; i < namesAndNumbers.length; i += 2) {
            ports.addObject().put("name", (String) namesAndNumbers[i]).put("containerPort", (Integer) namesAndNumbers[i + 1]);
        }
        return spec;
    }

    /**
     * The NetworkPolicies Strimzi writes for its pods of each Kafka cluster (its KafkaCluster, EntityOperator and
     * KafkaExporter models): the controllers' port among brokers and from the cluster operator (in any namespace),
     * replication from the brokers and Strimzi's own clients, the agent from the cluster operator, each listener from
     * its networkPolicyPeers (everyone without), the entity operator's health ports and the exporter's metrics from
     * everyone. The entity operator's ports are left out with its pod's.
     */
    Stream<ObjectNode> operatorPolicies() {
        return kind("Kafka").flatMap(kafka -> {
            String cluster = name(kafka);
            ObjectNode brokers = policy(cluster + "-network-policy-kafka", strimziLabels(cluster, cluster + "-kafka"));
            ArrayNode ingress = ((ObjectNode) brokers.path("spec")).putArray("ingress");
            ObjectNode operator = JSON.createObjectNode();
            operator.putObject("podSelector").putObject("matchLabels").put("strimzi.io/kind", "cluster-operator");
            operator.putObject("namespaceSelector");
            rule(ingress, 9090, peer(cluster, "-kafka"), operator);
            rule(ingress, 9091, operator, peer(cluster, "-kafka"), peer(cluster, "-entity-operator"), peer(cluster, "-kafka-exporter"),
                    peer(cluster, "-cruise-control"));
            rule(ingress, 8443, operator);
            kafka.at("/spec/kafka/listeners").forEach(listener -> {
                ObjectNode r = ingress.addObject();
                r.putArray("ports").addObject().put("port", listener.path("port").asInt());
                if (!listener.path("networkPolicyPeers").isEmpty()) {
                    r.set("from", listener.path("networkPolicyPeers").deepCopy());
                }
            });
            ObjectNode exporter = policy(cluster + "-kafka-exporter", strimziLabels(cluster, cluster + "-kafka-exporter"));
            ((ObjectNode) exporter.path("spec")).putArray("ingress").addObject().putArray("ports").addObject().put("port", 9404);
            return Stream.of(brokers, exporter);
        });
    }

    private static ObjectNode policy(String name, Map<String, String> podLabels) {
        ObjectNode policy = JSON.createObjectNode().put("apiVersion", "networking.k8s.io/v1").put("kind", "NetworkPolicy");
        policy.putObject("metadata").put("name", name);
        ObjectNode matchLabels = policy.putObject("spec").putObject("podSelector").putObject("matchLabels");
        podLabels.forEach(matchLabels::put);
        ((ObjectNode) policy.path("spec")).putArray("policyTypes").add("Ingress");
        return policy;
    }

    private static ObjectNode peer(String cluster, String suffix) {
        ObjectNode peer = JSON.createObjectNode();
        ObjectNode labels = peer.putObject("podSelector").putObject("matchLabels");
        strimziLabels(cluster, cluster + suffix).forEach(labels::put);
        return peer;
    }

    private static void rule(ArrayNode ingress, int port, ObjectNode... from) {
        ObjectNode rule = ingress.addObject();
        rule.putArray("ports").addObject().put("port", port);
        ArrayNode peers = rule.putArray("from");
        for (ObjectNode peer : from) {
            peers.add(peer);
        }
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
