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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The prod overlay's nightly analytics run: a ScheduledSparkApplication of the Kubeflow Spark Operator
 * (sparkoperator.k8s.io/v1beta2), which publishes no schema package: the fields its CRD requires, and what the run
 * needs of the platform (its databases and credentials, its output volume, the rights of its driver). Its network
 * flows are in NetworkFlowsTest.
 */
class AnalyticsJobTest {

    private static final String ENV = "AIRSTAY_ANALYTICS_";

    private final Rendered prod = Rendered.of("k8s/overlays/prod");

    private ObjectNode application() {
        List<ObjectNode> applications = prod.kind("ScheduledSparkApplication").toList();
        assertEquals(1, applications.size(), "one scheduled analytics run");
        return applications.get(0);
    }

    private static void require(JsonNode object, String... pointers) {
        for (String pointer : pointers) {
            JsonNode value = object.at(pointer);
            assertTrue(!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty() || value.isContainerNode(),
                    name(object) + " lacks " + pointer);
        }
    }

    @Test
    void theJobRunsNightlyFromTheAnalyticsImageWithBoundedResources() {
        ObjectNode application = application();
        assertEquals("sparkoperator.k8s.io/v1beta2", application.path("apiVersion").asText());
        require(application, "/spec/schedule", "/spec/template/type", "/spec/template/mode", "/spec/template/sparkVersion",
                "/spec/template/mainApplicationFile", "/spec/template/driver", "/spec/template/executor");
        // Once a day: a fixed minute and hour, every day; a run still going when the next is due is not doubled.
        assertTrue(application.at("/spec/schedule").asText().matches("\\d{1,2} \\d{1,2} \\* \\* \\*"),
                application.at("/spec/schedule").asText());
        assertEquals("Forbid", application.at("/spec/concurrencyPolicy").asText());

        JsonNode template = application.at("/spec/template");
        assertEquals("Scala", template.path("type").asText());
        assertEquals("cluster", template.path("mode").asText());
        assertEquals("4.2.0", template.path("sparkVersion").asText());
        assertEquals("io.airstay.analytics.AnalyticsMain", template.path("mainClass").asText());
        assertEquals("local:///opt/airstay/airstay-analytics.jar", template.path("mainApplicationFile").asText());
        String image = template.path("image").asText();
        assertTrue(image.matches(".*/airstay-analytics:[\\w.-]+") && !image.endsWith(":latest"), "pinned analytics image: " + image);
        for (String role : List.of("driver", "executor")) {
            require(template.path(role), "/cores", "/coreLimit", "/memory");
            JsonNode security = template.at("/" + role + "/securityContext");
            assertTrue(security.path("runAsNonRoot").asBoolean() && !security.path("allowPrivilegeEscalation").asBoolean(true)
                    && security.at("/capabilities/drop").toString().contains("\"ALL\""), role + "'s security context");
        }
        assertTrue(template.at("/executor/instances").asInt() >= 1);
    }

    @Test
    void theDriverReachesEachServicesDatabaseAsTheAnalyticsRole() {
        Map<String, JsonNode> env = env(application().at("/spec/template/driver/env"));
        Map<String, String> urls = new TreeMap<>();
        for (String service : Rendered.SERVICES) {
            ObjectNode cluster = prod.find("Cluster", service + "-db").orElseThrow();
            String database = cluster.at("/spec/bootstrap/initdb/database").asText();
            String variable = ENV + service.toUpperCase() + "_URL";
            String url = env.get(variable).path("value").asText();
            urls.put(variable, url);
            assertTrue(url.contains("/" + database) && url.contains("//" + service + "-db-"), variable + " names " + database + ": " + url);
            // The role's credentials are the Secret its cluster sets the role's password from.
            List<String> managed = new ArrayList<>();
            cluster.at("/spec/managed/roles").forEach(role -> managed.add(role.path("name").asText() + " "
                    + role.at("/passwordSecret/name").asText() + " " + role.path("login").asBoolean()
                    + " " + role.path("inRoles")));
            assertEquals(List.of("analytics analytics-db true [\"pg_read_all_data\"]"), managed, name(cluster));
        }
        // The gold schema is written on search's primary; reads of search go to its replicas first.
        assertTrue(urls.get(ENV + "SEARCH_URL").startsWith("jdbc:postgresql://search-db-rw:5432/airstay_search"));
        assertTrue(env.get(ENV + "SEARCH_READ_URL").path("value").asText()
                .startsWith("jdbc:postgresql://search-db-ro:5432,search-db-rw:5432/airstay_search"));
        assertEquals("analytics-db/username", secretKey(env.get(ENV + "DB_USER")));
        assertEquals("analytics-db/password", secretKey(env.get(ENV + "DB_PASSWORD")));
        assertEquals(Set.of("password", "username"), ManifestChecksTest.handMadeSecrets("airstay").get("analytics-db"));
        // search-db's bootstrap lets the role write the gold schema, and nothing else of search's.
        String grants = prod.find("Cluster", "search-db").orElseThrow().at("/spec/bootstrap/initdb/postInitApplicationSQL").toString();
        assertTrue(grants.contains("GRANT USAGE, CREATE ON SCHEMA gold TO analytics"), grants);
        assertTrue(grants.contains("FOR ROLE search IN SCHEMA gold GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO analytics"), grants);
        for (String service : List.of("booking", "review", "availability")) {
            assertFalse(prod.find("Cluster", service + "-db").orElseThrow().at("/spec/bootstrap/initdb/postInitApplicationSQL")
                    .toString().contains("analytics"), service + "-db only lets the role read");
        }
    }

    @Test
    void theOutputIsOnAVolumeEveryPodOfTheRunMounts() {
        ObjectNode application = application();
        String output = env(application.at("/spec/template/driver/env")).get(ENV + "OUTPUT").path("value").asText();
        JsonNode volume = application.at("/spec/template/volumes").get(0);
        ObjectNode claim = prod.find("PersistentVolumeClaim", volume.at("/persistentVolumeClaim/claimName").asText()).orElseThrow();
        assertEquals("[\"ReadWriteMany\"]", claim.at("/spec/accessModes").toString(), "the driver and every executor write it");
        for (String role : List.of("driver", "executor")) {
            Set<String> mounted = new TreeSet<>();
            application.at("/spec/template/" + role + "/volumeMounts").forEach(mount -> {
                if (mount.path("name").asText().equals(volume.path("name").asText())) {
                    mounted.add(mount.path("mountPath").asText());
                }
            });
            assertTrue(mounted.stream().anyMatch(path -> output.equals(path) || output.startsWith(path + "/")),
                    role + " mounts " + output + ": " + mounted);
        }
    }

    @Test
    void theDriverMayStartItsExecutorsAndNothingElse() {
        String account = application().at("/spec/template/driver/serviceAccount").asText();
        assertTrue(prod.find("ServiceAccount", account).isPresent(), account);
        List<ObjectNode> bindings = prod.kind("RoleBinding")
                .filter(b -> b.path("subjects").findValuesAsText("name").contains(account)).toList();
        assertEquals(1, bindings.size(), "one RoleBinding of " + account);
        assertEquals("Role", bindings.get(0).at("/roleRef/kind").asText(), "a namespaced Role, no ClusterRole");
        ObjectNode role = prod.find("Role", bindings.get(0).at("/roleRef/name").asText()).orElseThrow();
        Map<String, Set<String>> allowed = new TreeMap<>();
        role.path("rules").forEach(rule -> rule.path("resources").forEach(resource -> {
            Set<String> verbs = allowed.computeIfAbsent(resource.asText(), r -> new TreeSet<>());
            rule.path("verbs").forEach(verb -> verbs.add(verb.asText()));
        }));
        assertTrue(allowed.getOrDefault("pods", Set.of()).containsAll(Set.of("create", "get", "list", "watch", "delete")), allowed.toString());
        assertEquals(Set.of("configmaps", "pods"), allowed.keySet(), "no Secret, no wildcard");
        assertFalse(allowed.values().stream().anyMatch(verbs -> verbs.contains("*")));
    }

    private static Map<String, JsonNode> env(JsonNode variables) {
        Map<String, JsonNode> env = new TreeMap<>();
        variables.forEach(variable -> env.put(variable.path("name").asText(), variable));
        return env;
    }

    private static String secretKey(JsonNode variable) {
        JsonNode ref = variable.at("/valueFrom/secretKeyRef");
        return ref.path("name").asText() + "/" + ref.path("key").asText();
    }
}
