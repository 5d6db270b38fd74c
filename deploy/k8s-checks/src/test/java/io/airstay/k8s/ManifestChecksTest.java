package io.airstay.k8s;

import static io.airstay.k8s.Rendered.name;
import static io.airstay.k8s.Rendered.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What every rendered kustomization must satisfy before it is applied to a cluster. */
class ManifestChecksTest {

    private static final Pattern HAND_MADE_SECRET = Pattern.compile(
            "kubectl -n ([a-z0-9-]+) create secret generic ([a-z0-9-]+)((?:\\s+--from-(?:literal|file)=[\\w.-]+=\\S+)+)");
    private static final Pattern LITERAL_KEY = Pattern.compile("--from-(?:literal|file)=([\\w.-]+)=");

    static Stream<String> everything() {
        return Rendered.all();
    }

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("everything")
    void everyContainerHasRequestsLimitsProbesTheRestrictedSecurityContextAndAPinnedImage(String directory) {
        List<String> problems = new ArrayList<>();
        Rendered.of(directory).templates().forEach(pod -> {
            JsonNode podSecurity = pod.spec().path("securityContext");
            for (JsonNode c : pod.spec().path("containers")) {
                String where = pod.owner() + " container " + c.path("name").asText() + ": ";
                for (String path : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/cpu", "/resources/limits/memory")) {
                    if (c.at(path).isMissingNode()) {
                        problems.add(where + "no " + path);
                    }
                }
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (!c.has(probe)) {
                        problems.add(where + "no " + probe);
                    }
                }
                JsonNode security = c.path("securityContext");
                if (!security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false))) {
                    problems.add(where + "may run as root");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + "writable root filesystem");
                }
                if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + "privilege escalation allowed");
                }
                if (!security.at("/capabilities/drop").toString().contains("\"ALL\"")) {
                    problems.add(where + "capabilities not all dropped");
                }
                String image = c.path("image").asText();
                String tag = image.substring(image.lastIndexOf('/') + 1);
                if (!image.contains("@sha256:") && (!tag.contains(":") || tag.endsWith(":latest"))) {
                    problems.add(where + "image not pinned: " + image);
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    /**
     * Health and metrics are on the Quarkus management interface (quarkus.management.enabled, platform/core), port 9000
     * named "management", apart from the API's port 8080 named "http"; the probes and Prometheus's annotations use it.
     */
    @ParameterizedTest
    @MethodSource("everything")
    void servicesProbeTheirQuarkusHealthEndpointsOnTheManagementPort(String directory) {
        Rendered rendered = Rendered.of(directory);
        rendered.templates().filter(pod -> "service".equals(pod.labels().get("app.kubernetes.io/component")))
                .forEach(pod -> {
                    JsonNode app = pod.spec().path("containers").get(0);
                    Map<String, Integer> ports = new TreeMap<>();
                    app.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
                    assertEquals(Map.of("http", 8080, "management", 9000), ports, pod.owner());
                    for (String[] probe : new String[][] {{"startupProbe", "/q/health/started"},
                            {"livenessProbe", "/q/health/live"}, {"readinessProbe", "/q/health/ready"}}) {
                        assertEquals(probe[1], app.at("/" + probe[0] + "/httpGet/path").asText(), pod.owner());
                        assertEquals("management", app.at("/" + probe[0] + "/httpGet/port").asText(), pod.owner() + " " + probe[0]);
                    }
                    // The configuration the application reads: that port, on the pod's interfaces (the platform's
                    // default is 127.0.0.1, for local runs).
                    Map<String, String> config = new TreeMap<>();
                    for (Reference ref : references(pod.spec())) {
                        if (ref.kind().equals("ConfigMap")) {
                            rendered.find("ConfigMap", ref.name()).ifPresent(c -> config.putAll(Rendered.strings(c.path("data"))));
                        }
                    }
                    assertEquals("8080", config.get("QUARKUS_HTTP_PORT"), pod.owner());
                    assertEquals("9000", config.get("QUARKUS_MANAGEMENT_PORT"), pod.owner());
                    String javaOptions = config.getOrDefault("JAVA_OPTS_APPEND", "");
                    assertTrue(javaOptions.contains("-Dquarkus.http.host=0.0.0.0")
                            && javaOptions.contains("-Dquarkus.management.host=0.0.0.0"), pod.owner() + ": " + javaOptions);
                });
        rendered.kind("Deployment").filter(d -> "service".equals(d.at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText()))
                .forEach(d -> {
                    JsonNode annotations = d.at("/spec/template/metadata/annotations");
                    assertEquals("9000", annotations.path("prometheus.io/port").asText(), name(d));
                    assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), name(d));
                });
    }

    @ParameterizedTest
    @MethodSource("everything")
    void everyServiceSelectsPodsThatExist(String directory) {
        Rendered rendered = Rendered.of(directory);
        List<String> problems = new ArrayList<>();
        rendered.kind("Service").forEach(service -> {
            JsonNode selector = service.at("/spec/selector");
            if (selector.isEmpty()) {
                problems.add(name(service) + ": no selector");
            } else if (rendered.pods().noneMatch(pod -> selects(selector, pod.labels(), true))) {
                problems.add(name(service) + ": selects no pod");
            }
        });
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("everything")
    void autoscalersAndDisruptionBudgetsTargetExistingWorkloads(String directory) {
        Rendered rendered = Rendered.of(directory);
        rendered.kind("HorizontalPodAutoscaler").forEach(hpa -> assertTrue(
                rendered.find(hpa.at("/spec/scaleTargetRef/kind").asText(), hpa.at("/spec/scaleTargetRef/name").asText()).isPresent(),
                name(hpa) + " scales nothing"));
        rendered.kind("PodDisruptionBudget").forEach(pdb -> assertTrue(
                rendered.templates().anyMatch(pod -> selects(pdb.at("/spec/selector"), pod.labels(), false)),
                name(pdb) + " covers no pod"));
    }

    /** The Secrets k8s/README.md tells the operator to create in a namespace before applying, with their keys. */
    static Map<String, Set<String>> handMadeSecrets(String namespace) {
        Map<String, Set<String>> secrets = new TreeMap<>();
        Matcher command = HAND_MADE_SECRET.matcher(Tools.read(Tools.ROOT.resolve("k8s/README.md")));
        while (command.find()) {
            if (!command.group(1).equals(namespace)) {
                continue;
            }
            Matcher key = LITERAL_KEY.matcher(command.group(3));
            while (key.find()) {
                secrets.computeIfAbsent(command.group(2), n -> new TreeSet<>()).add(key.group(1));
            }
        }
        return secrets;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedConfigMapAndSecretExists(String directory) {
        Rendered rendered = Rendered.of(directory);
        // What exists, with its keys (null: any).
        Map<String, Set<String>> available = new HashMap<>();
        rendered.kind("ConfigMap").forEach(o -> available.put("ConfigMap/" + name(o), null));
        rendered.kind("Secret").forEach(o -> available.put("Secret/" + name(o), null));
        // CloudNativePG generates "<cluster>-app" with the owner's credentials.
        rendered.kind("Cluster").forEach(o -> available.put("Secret/" + name(o) + "-app",
                Set.of("username", "password", "dbname", "host", "port", "uri", "jdbc-uri", "pgpass")));
        // Strimzi's user operator writes a Secret named after each SCRAM KafkaUser; its cluster CA's certificate is
        // in "<cluster>-cluster-ca-cert".
        rendered.kind("KafkaUser").forEach(o -> available.put("Secret/" + name(o), Set.of("password", "sasl.jaas.config")));
        rendered.kind("Kafka").forEach(o -> available.put("Secret/" + name(o) + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password")));
        // The hand-made Secrets, as k8s/README.md creates them (dev generates most Secrets of the same names).
        handMadeSecrets(directory.startsWith("k8s/overlays/prod") ? "airstay" : "airstay-dev")
                .forEach((secret, keys) -> available.put("Secret/" + secret, keys));
        List<String> missing = new ArrayList<>();
        Stream.concat(rendered.templates(), rendered.sparkPods()).forEach(pod -> references(pod.spec()).forEach(ref -> {
            String what = ref.kind + "/" + ref.name;
            if (!ref.optional && !available.containsKey(what)) {
                missing.add(pod.owner() + " -> " + what);
            }
            Set<String> keys = available.get(what);
            if (keys != null && ref.key != null && !keys.contains(ref.key)) {
                missing.add(pod.owner() + " -> " + what + " key " + ref.key);
            }
            rendered.find(ref.kind, ref.name).filter(o -> ref.key != null).ifPresent(o -> {
                if (!o.path("data").has(ref.key) && !o.path("stringData").has(ref.key)) {
                    missing.add(pod.owner() + " -> " + what + " key " + ref.key);
                }
            });
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void theHandMadeSecretsAreExactlyThoseProdReferencesAndNoOperatorMakes() {
        Rendered prod = Rendered.of("k8s/overlays/prod");
        Set<String> made = new TreeSet<>();
        prod.kind("Secret").forEach(o -> made.add(name(o)));
        prod.kind("Cluster").forEach(o -> made.add(name(o) + "-app"));
        prod.kind("KafkaUser").forEach(o -> made.add(name(o)));
        prod.kind("Kafka").forEach(o -> made.add(name(o) + "-cluster-ca-cert"));
        Set<String> needed = new TreeSet<>();
        Stream.concat(prod.templates(), prod.sparkPods()).forEach(pod -> references(pod.spec()).stream()
                .filter(r -> r.kind.equals("Secret") && !r.optional).forEach(r -> needed.add(r.name)));
        // CloudNativePG sets the password of each managed role from its Secret.
        prod.kind("Cluster").forEach(cluster -> cluster.at("/spec/managed/roles")
                .forEach(role -> needed.add(role.at("/passwordSecret/name").asText())));
        needed.removeAll(made);
        assertEquals(needed, handMadeSecrets("airstay").keySet());
        assertTrue(needed.contains("redis-exporter"), needed.toString());
    }

    record Reference(String kind, String name, String key, boolean optional) {
    }

    static List<Reference> references(JsonNode podSpec) {
        List<Reference> refs = new ArrayList<>();
        for (JsonNode c : podSpec.path("containers")) {
            for (JsonNode from : c.path("envFrom")) {
                if (from.has("configMapRef")) {
                    refs.add(new Reference("ConfigMap", from.at("/configMapRef/name").asText(), null, from.at("/configMapRef/optional").asBoolean()));
                }
                if (from.has("secretRef")) {
                    refs.add(new Reference("Secret", from.at("/secretRef/name").asText(), null, from.at("/secretRef/optional").asBoolean()));
                }
            }
            for (JsonNode env : c.path("env")) {
                JsonNode cm = env.at("/valueFrom/configMapKeyRef");
                JsonNode secret = env.at("/valueFrom/secretKeyRef");
                if (!cm.isMissingNode()) {
                    refs.add(new Reference("ConfigMap", cm.path("name").asText(), cm.path("key").asText(), cm.path("optional").asBoolean()));
                }
                if (!secret.isMissingNode()) {
                    refs.add(new Reference("Secret", secret.path("name").asText(), secret.path("key").asText(), secret.path("optional").asBoolean()));
                }
            }
        }
        for (JsonNode volume : podSpec.path("volumes")) {
            if (volume.has("configMap")) {
                refs.add(new Reference("ConfigMap", volume.at("/configMap/name").asText(), null, volume.at("/configMap/optional").asBoolean()));
            }
            if (volume.has("secret")) {
                refs.add(new Reference("Secret", volume.at("/secret/secretName").asText(), null, volume.at("/secret/optional").asBoolean()));
            }
        }
        return refs;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesLetClientsReachOnlyTheGatewayAndServicesOnlyTheirBackends(String directory) {
        Rendered rendered = Rendered.of(directory);
        List<ObjectNode> policies = rendered.kind("NetworkPolicy").toList();
        List<String> problems = new ArrayList<>();
        // Each workload has a policy of its own for both directions, not only the namespace's default deny.
        rendered.templates().forEach(pod -> {
            for (String type : List.of("Ingress", "Egress")) {
                boolean governed = policies.stream().anyMatch(p -> p.at("/spec/policyTypes").toString().contains(type)
                        && !p.at("/spec/podSelector").isEmpty() && selects(p.at("/spec/podSelector"), pod.labels(), false));
                if (!governed) {
                    problems.add(pod.owner() + ": no " + type + " policy");
                }
            }
        });
        for (ObjectNode policy : policies) {
            List<Rendered.Pod> targets = rendered.pods().filter(pod -> selects(policy.at("/spec/podSelector"), pod.labels(), false)).toList();
            if (targets.isEmpty()) {
                problems.add(name(policy) + ": selects no pod");
            }
            // A rule without "from" admits every client: only the gateway may have one.
            for (JsonNode rule : policy.at("/spec/ingress")) {
                if (!rule.has("from") && targets.stream().anyMatch(pod -> !"gateway".equals(pod.labels().get("app.kubernetes.io/name")))) {
                    problems.add(name(policy) + ": open ingress to pods other than the gateway");
                }
            }
            // Services talk to PostgreSQL, Redis, Kafka and DNS only.
            if (targets.stream().anyMatch(pod -> "service".equals(pod.labels().get("app.kubernetes.io/component")))) {
                for (JsonNode rule : policy.at("/spec/egress")) {
                    for (JsonNode port : rule.path("ports")) {
                        if (!Set.of(5432, 6379, 9092, 53).contains(port.path("port").asInt())) {
                            problems.add(name(policy) + ": services may reach port " + port);
                        }
                    }
                    if (!rule.has("to") || !rule.has("ports")) {
                        problems.add(name(policy) + ": unrestricted egress");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectLivesInTheOverlaysNamespace(String directory) {
        String namespace = directory.endsWith("/dev") ? "airstay-dev" : "airstay";
        Rendered.of(directory).objects.stream().filter(o -> !o.path("kind").asText().equals("Namespace"))
                .forEach(o -> assertEquals(namespace, o.at("/metadata/namespace").asText(), o.path("kind") + "/" + name(o)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void prodRunsReplicasSpreadOverNodesAndDevOneOfEach(String directory) {
        Rendered rendered = Rendered.of(directory);
        boolean dev = directory.endsWith("/dev");
        rendered.kind("HorizontalPodAutoscaler").forEach(hpa -> {
            if (dev) {
                assertEquals(1, hpa.at("/spec/maxReplicas").asInt(), name(hpa));
            } else {
                assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2, name(hpa));
                assertEquals("cpu", hpa.at("/spec/metrics/0/resource/name").asText(), name(hpa));
            }
        });
        rendered.kind("Deployment").forEach(deployment -> {
            assertFalse(deployment.at("/spec").has("replicas"), name(deployment) + ": replicas belong to its autoscaler");
            assertTrue(rendered.kind("HorizontalPodAutoscaler").anyMatch(h -> h.at("/spec/scaleTargetRef/name").asText().equals(name(deployment))),
                    name(deployment) + " has no autoscaler");
            if (!dev) {
                JsonNode term = deployment.at("/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm");
                assertTrue(selects(term.path("labelSelector"), Rendered.strings(deployment.at("/spec/template/metadata/labels")), false)
                        && term.path("topologyKey").asText().equals("kubernetes.io/hostname"), name(deployment) + ": no anti-affinity to its own pods");
            }
        });
    }
}
