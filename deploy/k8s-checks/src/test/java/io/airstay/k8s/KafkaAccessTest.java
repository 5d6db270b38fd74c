package io.airstay.k8s;

import static io.airstay.k8s.Rendered.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kafka in prod takes no anonymous client: every listener authenticates (SCRAM-SHA-512), the cluster authorizes,
 * and each service logs in as its own KafkaUser, whose ACLs allow exactly what docs/events.md and the service's
 * configuration say it does: write the topic it produces and the dead-letter topics of the channels it consumes,
 * read those channels' topics, and read (join, commit in) its consumer groups.
 */
class KafkaAccessTest {

    private static final Rendered PROD = Rendered.of("k8s/overlays/prod");

    static Stream<String> prodOverlays() {
        return Rendered.OVERLAYS.stream().filter(o -> o.startsWith("k8s/overlays/prod") && !o.endsWith("/gateway"));
    }

    /** The ACLs a service needs, as "<resource type> <name> <operation>". */
    static Set<String> expectedAcls(String service) {
        Set<String> acls = new TreeSet<>();
        ServiceFacts.documentedTopics().values().stream().filter(t -> t.producer().equals(service + "-service")).forEach(t -> {
            acls.add("topic " + t.topic() + " Write");
            acls.add("topic " + t.topic() + " Describe");
        });
        for (ServiceFacts.Channel channel : ServiceFacts.incoming(service)) {
            acls.add("topic " + channel.topic() + " Read");
            acls.add("topic " + channel.topic() + " Describe");
            // The platform's failure strategy (dead-letter-queue): the connector's producer or the outbox writes them.
            acls.add("topic " + channel.deadLetterTopic() + " Write");
            acls.add("topic " + channel.deadLetterTopic() + " Describe");
            acls.add("group " + channel.group() + " Read");
        }
        return acls;
    }

    /** A KafkaUser's ACLs in the same form; anything but a literal allow rule on any host is reported as it is. */
    static Set<String> acls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode rule : user.at("/spec/authorization/acls")) {
            JsonNode resource = rule.path("resource");
            String qualifier = "";
            if (!resource.path("patternType").asText("literal").equals("literal")) {
                qualifier += " pattern=" + resource.path("patternType").asText();
            }
            if (!rule.path("type").asText("allow").equals("allow")) {
                qualifier += " type=" + rule.path("type").asText();
            }
            if (!rule.path("host").asText("*").equals("*")) {
                qualifier += " host=" + rule.path("host").asText();
            }
            for (JsonNode operation : rule.path("operations")) {
                acls.add(resource.path("type").asText() + " " + resource.path("name").asText("*") + " " + operation.asText() + qualifier);
            }
            if (rule.has("operation")) {
                acls.add("deprecated single operation " + rule.path("operation").asText());
            }
        }
        return acls;
    }

    @Test
    void theServicesChannelsAreTheOnesDocsEventsMdLists() {
        // The two sources the ACLs are derived from must agree: consumers per topic, one group per service.
        Map<String, Set<String>> configured = new TreeMap<>();
        for (String service : Rendered.SERVICES) {
            for (ServiceFacts.Channel channel : ServiceFacts.incoming(service)) {
                configured.computeIfAbsent(channel.topic(), t -> new TreeSet<>()).add(service + "-service");
                assertEquals(service + "-service", channel.group(), service + " channel " + channel.name());
            }
        }
        Map<String, Set<String>> documented = new TreeMap<>();
        ServiceFacts.documentedTopics().values().forEach(t -> documented.put(t.topic(), t.consumers()));
        assertEquals(documented, configured);
        assertEquals(4, documented.size());
    }

    @Test
    void everyServiceHasAKafkaUserWhoseAclsAreExactlyWhatItProducesAndConsumes() {
        ObjectNode kafka = PROD.kind("Kafka").findFirst().orElseThrow();
        Map<String, ObjectNode> users = new TreeMap<>();
        PROD.kind("KafkaUser").forEach(u -> users.put(name(u), u));
        Set<String> expectedUsers = new TreeSet<>();
        Rendered.SERVICES.forEach(s -> expectedUsers.add(s + "-service"));
        assertEquals(expectedUsers, users.keySet());
        Map<String, Set<String>> expected = new TreeMap<>();
        Map<String, Set<String>> actual = new TreeMap<>();
        for (String service : Rendered.SERVICES) {
            ObjectNode user = users.get(service + "-service");
            assertEquals(name(kafka), user.at("/metadata/labels/strimzi.io~1cluster").asText(), name(user));
            assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText(), name(user));
            assertEquals("simple", user.at("/spec/authorization/type").asText(), name(user));
            expected.put(name(user), expectedAcls(service));
            actual.put(name(user), acls(user));
        }
        assertEquals(expected, actual);
        // Every topic an ACL names is one the cluster declares (auto-creation is off).
        Set<String> topics = new TreeSet<>();
        PROD.kind("KafkaTopic").forEach(t -> topics.add(name(t)));
        users.values().forEach(u -> u.at("/spec/authorization/acls").forEach(rule -> {
            if (rule.at("/resource/type").asText().equals("topic")) {
                assertTrue(topics.contains(rule.at("/resource/name").asText()), name(u) + ": no KafkaTopic " + rule.at("/resource/name"));
            }
        }));
    }

    @Test
    void theComparisonSeesAMissingAWidenedAndAnExtraPermission() {
        ObjectNode user = PROD.find("KafkaUser", "review-service").orElseThrow().deepCopy();
        Set<String> expected = expectedAcls("review");
        assertEquals(expected, acls(user));
        ArrayNode acls = (ArrayNode) user.at("/spec/authorization/acls");
        acls.remove(acls.size() - 1);
        assertFalse(acls(user).contains("group review-service Read"));
        ((ObjectNode) acls.get(0).path("resource")).put("patternType", "prefix");
        acls.addObject().putObject("resource").put("type", "cluster");
        ((ObjectNode) acls.get(acls.size() - 1)).putArray("operations").add("Alter");
        Set<String> broken = acls(user);
        assertTrue(broken.contains("cluster * Alter"), broken.toString());
        assertTrue(broken.stream().anyMatch(a -> a.endsWith("pattern=prefix")), broken.toString());
        assertFalse(broken.equals(expected));
    }

    @Test
    void everyListenerAuthenticatesAndTheClusterAuthorizes() {
        ObjectNode kafka = PROD.kind("Kafka").findFirst().orElseThrow();
        assertFalse(kafka.at("/spec/kafka/listeners").isEmpty());
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            assertEquals("scram-sha-512", listener.at("/authentication/type").asText(), "listener " + listener.path("name"));
        }
        assertEquals("simple", kafka.at("/spec/kafka/authorization/type").asText());
        assertFalse(kafka.at("/spec/kafka/authorization").has("superUsers"), "no user beyond Strimzi's own is a super user");
        assertTrue(kafka.at("/spec/entityOperator").has("userOperator"), "KafkaUsers need the user operator");
        assertEquals("false", kafka.at("/spec/kafka/config/auto.create.topics.enable").asText());
    }

    /** The listener a service's bootstrap address points at (port of KAFKA_BOOTSTRAP_SERVERS). */
    private static JsonNode listenerOf(ObjectNode kafka, String bootstrap) {
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            if (listener.path("port").asInt() == port) {
                return listener;
            }
        }
        throw new AssertionError("no listener on " + bootstrap);
    }

    @ParameterizedTest
    @MethodSource("prodOverlays")
    void everyServiceLogsInAsItsKafkaUser(String directory) {
        Rendered rendered = Rendered.of(directory);
        ObjectNode kafka = PROD.kind("Kafka").findFirst().orElseThrow();
        List<String> problems = new ArrayList<>();
        rendered.kind("Deployment").filter(d -> "service".equals(d.at("/metadata/labels/app.kubernetes.io~1component").asText())).forEach(d -> {
            Map<String, JsonNode> env = env(d);
            String bootstrap = rendered.kind("ConfigMap").filter(c -> name(c).startsWith(name(d) + "-config"))
                    .map(c -> c.at("/data/KAFKA_BOOTSTRAP_SERVERS").asText()).findFirst().orElse("");
            JsonNode listener = listenerOf(kafka, bootstrap);
            String protocol = listener.path("tls").asBoolean() ? "SASL_SSL" : "SASL_PLAINTEXT";
            check(problems, name(d), "KAFKA_SECURITY_PROTOCOL", value(env, "KAFKA_SECURITY_PROTOCOL"), protocol);
            check(problems, name(d), "KAFKA_SASL_MECHANISM", value(env, "KAFKA_SASL_MECHANISM"), "SCRAM-SHA-512");
            JsonNode jaas = env.getOrDefault("KAFKA_SASL_JAAS_CONFIG", Rendered.JSON.nullNode()).at("/valueFrom/secretKeyRef");
            check(problems, name(d), "KAFKA_SASL_JAAS_CONFIG key", jaas.path("key").asText(), "sasl.jaas.config");
            check(problems, name(d), "KAFKA_SASL_JAAS_CONFIG optional", jaas.path("optional").asText("false"), "false");
            // The Secret the user operator writes is named after the KafkaUser, which this same deployment brings.
            Optional<ObjectNode> user = rendered.find("KafkaUser", jaas.path("name").asText());
            check(problems, name(d), "KafkaUser of its JAAS Secret", user.map(Rendered::name).orElse(null), name(d));
            if (listener.path("tls").asBoolean()) {
                String truststore = value(env, "KAFKA_SSL_TRUSTSTORE_LOCATION");
                boolean mounted = d.at("/spec/template/spec/volumes").findValues("secretName").stream()
                        .anyMatch(n -> n.asText().equals(name(kafka) + "-cluster-ca-cert"));
                if (truststore == null || !mounted) {
                    problems.add(name(d) + ": a TLS listener needs the cluster CA (" + name(kafka) + "-cluster-ca-cert) as truststore");
                }
            }
        });
        assertEquals(List.of(), problems);
        assertTrue(rendered.kind("Deployment").anyMatch(d -> name(d).endsWith("-service")), directory + " has a service");
    }

    private static void check(List<String> problems, String deployment, String what, String actual, String expected) {
        if (!expected.equals(actual)) {
            problems.add(deployment + ": " + what + " is " + actual + ", expected " + expected);
        }
    }

    static Map<String, JsonNode> env(JsonNode deployment) {
        Map<String, JsonNode> env = new TreeMap<>();
        deployment.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static String value(Map<String, JsonNode> env, String name) {
        JsonNode e = env.get(name);
        return e == null || !e.has("value") ? null : e.path("value").asText();
    }
}
