package io.airstay.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every rendered object against the Kubernetes API schemas (npm kubernetes-models) and the Prometheus Operator's
 * (npm @kubernetes-models/prometheus-operator). Strimzi's resources are checked against its Java API model
 * (StrimziSchemaTest); CloudNativePG and the Kubeflow Spark Operator publish no schema package: OperatorResourcesTest
 * and AnalyticsJobTest check their required fields.
 */
class SchemaValidationTest {

    private static final Path NODE = Tools.WORK.resolve("node");
    static final Set<String> CHECKED_ELSEWHERE = Set.of("kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool",
            "kafka.strimzi.io/v1 KafkaTopic", "kafka.strimzi.io/v1 KafkaUser", "postgresql.cnpg.io/v1 Cluster",
            "sparkoperator.k8s.io/v1beta2 ScheduledSparkApplication");

    @BeforeAll
    static void installValidator() throws IOException {
        Files.createDirectories(NODE);
        Path sources = Tools.ROOT.resolve("deploy/k8s-checks/src/test/node");
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(sources.resolve(file), NODE.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(NODE.resolve("node_modules/kubernetes-models"))) {
            Tools.succeed(NODE, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"));
        }
    }

    record Report(int validated, List<String> errors, Set<String> unvalidated) {
    }

    static Report validate(String label, List<? extends JsonNode> objects) {
        try {
            ArrayNode array = Rendered.JSON.createArrayNode().addAll(objects.stream().map(JsonNode.class::cast).toList());
            Path input = NODE.resolve(label.replace('/', '_') + ".json");
            Rendered.JSON.writeValue(input.toFile(), array);
            JsonNode report = Rendered.JSON.readTree(Tools.succeed(NODE, List.of("node", "validate.mjs", input.toString())));
            List<String> errors = new ArrayList<>();
            report.path("errors").forEach(e -> errors.add(e.asText()));
            Set<String> unvalidated = new TreeSet<>();
            report.path("unvalidated").forEach(e -> unvalidated.add(e.asText()));
            return new Report(report.path("validated").asInt(), errors, unvalidated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRenderedObjectMatchesItsApiSchema() {
        List<ObjectNode> objects = Rendered.all().flatMap(dir -> Rendered.of(dir).objects.stream()).toList();
        Report report = validate("all", objects);
        assertEquals(List.of(), report.errors());
        assertTrue(CHECKED_ELSEWHERE.containsAll(report.unvalidated()), "no schema for " + report.unvalidated());
        assertEquals(objects.size(), report.validated() + objects.stream()
                .filter(o -> CHECKED_ELSEWHERE.contains(o.path("apiVersion").asText() + " " + o.path("kind").asText())).count());
    }

    @Test
    void theValidatorRejectsAnObjectThatBreaksItsSchema() {
        ObjectNode deployment = Rendered.of("k8s/base/gateway").kind("Deployment").findFirst().orElseThrow().deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "eighty");
        ObjectNode monitor = Rendered.of("k8s/overlays/prod").kind("PodMonitor").findFirst().orElseThrow().deepCopy();
        ((ObjectNode) monitor.at("/spec")).remove("selector");
        Report report = validate("broken", List.of(deployment, monitor));
        assertEquals(2, report.errors().size(), report.errors().toString());
        assertTrue(report.errors().get(0).contains("containerPort"), report.errors().get(0));
        assertTrue(report.errors().get(1).contains("selector"), report.errors().get(1));
    }
}
