package io.airstay.k8s;

import static io.airstay.k8s.Rendered.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each namespace the platform deploys into denies all traffic by default, and its NetworkPolicies together (with
 * those Strimzi writes for its pods) allow exactly the connections the platform makes, listed here: nothing more,
 * nothing missing. Kubelet probes and `kubectl port-forward` do not pass through NetworkPolicies.
 */
class NetworkFlowsTest {

    private static final List<String> SERVICES = Rendered.SERVICES.stream().map(s -> s + "-service").toList();

    /** Traffic every environment has: clients to the gateway, the gateway to the services, Prometheus to its targets. */
    private static NetworkFlows.Expected common() {
        NetworkFlows.Expected expected = new NetworkFlows.Expected()
                .fromOutside("gateway", 8080)
                .flow("monitoring", "gateway", 9113)
                .dns("gateway")
                .flow("monitoring", "redis", 9121);
        for (String service : SERVICES) {
            // The API port, which also serves booking-service's /internal: the gateway's only (k8s/README.md). The
            // management port (/q/health, /q/metrics): Prometheus, and the gateway's /readyz.
            expected.flow("gateway", service, 8080)
                    .flow("gateway", service, 9000)
                    .flow("monitoring", service, 9000)
                    .flow(service, "redis", 6379)
                    .dns(service);
        }
        return expected;
    }

    /**
     * booking-service's /internal (the operator import) is on the API port, which no gateway route leads to it on: an
     * operator reaches it with kubectl port-forward only. So nothing but the gateway may reach any service's API port,
     * Prometheus in particular, which scrapes the management port.
     */
    @ParameterizedTest
    @CsvSource({"k8s/overlays/dev, airstay-dev", "k8s/overlays/prod, airstay"})
    void onlyTheGatewayReachesTheServicesApiPortAndPrometheusOnlyTheirManagementPort(String overlay, String namespace) {
        Set<String> allowed = new NetworkFlows(Rendered.of(overlay), namespace).allowed();
        for (String service : SERVICES) {
            Set<String> toApi = new TreeSet<>();
            Set<String> fromMonitoring = new TreeSet<>();
            for (String flow : allowed) {
                if (flow.endsWith(" -> " + service + ":8080/TCP")) {
                    toApi.add(flow);
                }
                if (flow.startsWith("monitoring -> " + service + ":")) {
                    fromMonitoring.add(flow);
                }
            }
            assertEquals(Set.of("gateway -> " + service + ":8080/TCP"), toApi, service + "'s API port");
            assertFalse(allowed.contains("monitoring -> " + service + ":8080/TCP"), "Prometheus reaches " + service + "'s /internal");
            assertEquals(Set.of("monitoring -> " + service + ":9000/TCP"), fromMonitoring, "Prometheus to " + service);
        }
    }

    @Test
    void prodAllowsExactlyTheFlowsThatExist() {
        NetworkFlows.Expected expected = common();
        for (String service : SERVICES) {
            String database = service.replace("-service", "-db");
            expected.flow(service, database, 5432)
                    .flow(service, "broker", 9092)
                    // CloudNativePG: replication and the instance managers among a cluster's instances, the operator, the
                    // exporter, and the Kubernetes API the instance manager works through.
                    .flows(database, database, 5432, 8000)
                    .flows("cnpg-operator", database, 5432, 8000)
                    .flow("monitoring", database, 9187)
                    .flows(database, "kubernetes-api", 443, 6443)
                    .dns(database)
                    // The nightly analytics run reads every service's database (and writes search's gold schema).
                    .flow("analytics-driver", database, 5432)
                    .flow("analytics-executor", database, 5432);
        }
        // The analytics run's Spark pods: executors to the driver's RPC and block manager, block transfers among them,
        // the driver starting its executors through the Kubernetes API.
        expected.flows("analytics-executor", "analytics-driver", 7078, 7079)
                .flow("analytics-driver", "analytics-executor", 7079)
                .flow("analytics-executor", "analytics-executor", 7079)
                .flows("analytics-driver", "kubernetes-api", 443, 6443)
                .dns("analytics-driver", "analytics-executor");
        // Strimzi: the brokers (KRaft controllers too) among themselves and from the cluster operator; its entity
        // operator and exporter on the replication port; the exporter's metrics, open to all by Strimzi's policy.
        expected.flows("broker", "broker", 9090, 9091)
                .flows("strimzi-operator", "broker", 9090, 9091, 8443)
                .dns("broker")
                .flow("airstay-entity-operator", "broker", 9091)
                .flows("airstay-entity-operator", "kubernetes-api", 443, 6443)
                .dns("airstay-entity-operator")
                .flow("airstay-kafka-exporter", "broker", 9091)
                .dns("airstay-kafka-exporter")
                .fromOutside("airstay-kafka-exporter", 9404);
        assertFlows(expected.toSet(), new NetworkFlows(Rendered.of("k8s/overlays/prod"), "airstay").allowed());
    }

    @Test
    void devAllowsExactlyTheFlowsThatExist() {
        NetworkFlows.Expected expected = common().flow("monitoring", "postgres", 9187);
        for (String service : SERVICES) {
            // One PostgreSQL server for all four (each its own database and role) and a one-broker Kafka.
            expected.flow(service, "postgres", 5432).flow(service, "kafka", 9092);
        }
        assertFlows(expected.toSet(), new NetworkFlows(Rendered.of("k8s/overlays/dev"), "airstay-dev").allowed());
    }

    private static void assertFlows(Set<String> expected, Set<String> allowed) {
        Set<String> extra = new TreeSet<>(allowed);
        extra.removeAll(expected);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(allowed);
        assertEquals(Map.of("allowed but not expected", Set.of(), "expected but not allowed", Set.of()),
                Map.of("allowed but not expected", extra, "expected but not allowed", missing));
    }

    @Test
    void theFlowsFollowTheRulesOfNetworkPolicies() {
        Rendered prod = Rendered.of("k8s/overlays/prod");
        Set<String> allowed = new NetworkFlows(prod, "airstay").allowed();
        // Every workload has policies of its own in both directions: the default deny only holds pods that come without.
        assertEquals(allowed, new NetworkFlows(withoutPolicy(prod, "default-deny"), "airstay").allowed());
        // A pod no Egress policy selects may open any connection the receiver admits, e.g. to the API server.
        String brokerToApi = "broker -> kubernetes-api:443/TCP";
        assertFalse(allowed.contains(brokerToApi));
        assertFalse(new NetworkFlows(withoutPolicy(prod, "kafka-brokers-egress"), "airstay").allowed().contains(brokerToApi),
                "the default deny holds the brokers");
        Set<String> ungoverned = new NetworkFlows(withoutPolicy(withoutPolicy(prod, "kafka-brokers-egress"), "default-deny"), "airstay").allowed();
        assertTrue(ungoverned.contains(brokerToApi));
        assertFalse(ungoverned.contains("broker -> redis:6379/TCP"), "Redis's ingress rules still hold");
        // A named port resolves on the receiving pod; a rule's protocol must match; peers select by labels.
        assertTrue(allowed.contains("gateway -> kube-dns:53/UDP") && allowed.contains("gateway -> kube-dns:53/TCP"));
        assertTrue(allowed.contains("monitoring -> redis:9121/TCP"));
        assertFalse(allowed.contains("gateway -> redis:6379/TCP"));
        assertFalse(allowed.contains("search-service -> booking-db:5432/TCP"));
    }

    /** A copy of the rendering without the named NetworkPolicy. */
    private static Rendered withoutPolicy(Rendered rendered, String policy) {
        return rendered.without(o -> o.path("kind").asText().equals("NetworkPolicy") && name(o).equals(policy));
    }

    @Test
    void everyNamespaceThePlatformDeploysIntoDeniesAllTrafficByDefault() {
        // The namespaces: every object's, over all complete deployments; each is created by an overlay, which must also
        // bring the default deny into it.
        Map<String, List<String>> problems = new TreeMap<>();
        Set<String> namespaces = new TreeSet<>();
        Rendered.OVERLAYS.forEach(o -> Rendered.of(o).objects.forEach(obj -> {
            if (obj.at("/metadata/namespace").isTextual()) {
                namespaces.add(obj.at("/metadata/namespace").asText());
            }
        }));
        assertEquals(Set.of("airstay", "airstay-dev"), namespaces);
        for (String namespace : namespaces) {
            List<String> found = new ArrayList<>();
            for (String overlay : Rendered.OVERLAYS) {
                Rendered rendered = Rendered.of(overlay);
                if (rendered.find("Namespace", namespace).isEmpty()) {
                    continue;
                }
                rendered.kind("NetworkPolicy").filter(p -> namespace.equals(p.at("/metadata/namespace").asText()) && isDefaultDeny(p))
                        .forEach(p -> found.add(overlay + ": " + name(p)));
            }
            if (found.size() != 1) {
                problems.put(namespace, found);
            }
        }
        assertEquals(Map.of(), problems);
    }

    @Test
    void aPolicyThatAllowsSomethingIsNoDefaultDeny() {
        ObjectNode deny = Rendered.of("k8s/base/default-deny").kind("NetworkPolicy").findFirst().orElseThrow();
        assertTrue(isDefaultDeny(deny));
        ObjectNode ingressOnly = deny.deepCopy();
        ((ArrayNode) ingressOnly.at("/spec/policyTypes")).remove(1);
        assertFalse(isDefaultDeny(ingressOnly));
        ObjectNode allowing = deny.deepCopy();
        ((ObjectNode) allowing.path("spec")).putArray("egress").addObject();
        assertFalse(isDefaultDeny(allowing));
        ObjectNode narrow = deny.deepCopy();
        ((ObjectNode) narrow.at("/spec/podSelector")).putObject("matchLabels").put("app", "x");
        assertFalse(isDefaultDeny(narrow));
    }

    /** Selects every pod, governs both directions, allows nothing. */
    static boolean isDefaultDeny(JsonNode policy) {
        JsonNode spec = policy.path("spec");
        Set<String> types = new TreeSet<>();
        spec.path("policyTypes").forEach(t -> types.add(t.asText()));
        return spec.path("podSelector").isObject() && spec.path("podSelector").isEmpty() && types.equals(Set.of("Ingress", "Egress"))
                && spec.path("ingress").isEmpty() && spec.path("egress").isEmpty();
    }
}
