package io.airstay.k8s;

import static io.airstay.k8s.Rendered.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.contracts.EventCatalog;

/**
 * The prod overlay's Strimzi (kafka.strimzi.io/v1) and CloudNativePG
 * (postgresql.cnpg.io/v1) resources: their schemas' required fields, and what the platform needs of them.
 */
class OperatorResourcesTest {

    private final Rendered prod = Rendered.of("k8s/overlays/prod");

    private static void require(JsonNode object, String... pointers) {
        for (String pointer : pointers) {
            JsonNode value = object.at(pointer);
            assertTrue(!value.isMissingNode() && !value.isNull(),
                    object.path("kind").asText() + "/" + name(object) + " lacks " + pointer);
        }
    }

    @Test
    void kafkaHasThreeNodesAndTheFourTopicsReplicatedThreeTimesWithTwoInSync() {
        ObjectNode kafka = prod.kind("Kafka").findFirst().orElseThrow();
        require(kafka, "/spec/kafka/listeners/0", "/spec/entityOperator/topicOperator");
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            require(listener, "/name", "/port", "/type", "/tls");
        }
        assertEquals(2, kafka.at("/spec/kafka/config/min.insync.replicas").asInt());
        assertTrue(kafka.at("/spec/kafka/listeners").findValues("port").stream().anyMatch(p -> p.asInt() == 9092));
        String cluster = name(kafka);

        ObjectNode pool = prod.kind("KafkaNodePool").findFirst().orElseThrow();
        require(pool, "/spec/replicas", "/spec/roles", "/spec/storage/type");
        assertEquals(cluster, pool.at("/metadata/labels/strimzi.io~1cluster").asText());
        assertTrue(pool.at("/spec/replicas").asInt() >= 3);
        assertEquals(Set.of("controller", "broker"), Set.of(pool.at("/spec/roles/0").asText(), pool.at("/spec/roles/1").asText()));

        Map<String, ObjectNode> topics = prod.kind("KafkaTopic").collect(Collectors.toMap(Rendered::name, t -> t));
        // The topics the services exchange are those of the event contract, plus a dead-letter topic per consumed
        // channel (no client may create one), no more, no less.
        Set<String> expected = new TreeSet<>(EventCatalog.TOPICS);
        Rendered.SERVICES.forEach(s -> ServiceFacts.incoming(s).forEach(c -> expected.add(c.deadLetterTopic())));
        assertEquals(expected, new TreeSet<>(topics.keySet()));
        assertEquals(8, expected.size());
        topics.values().forEach(topic -> {
            require(topic, "/spec/partitions", "/spec/replicas");
            assertEquals(cluster, topic.at("/metadata/labels/strimzi.io~1cluster").asText(), name(topic));
            assertEquals(3, topic.at("/spec/replicas").asInt(), name(topic));
            assertEquals(2, topic.at("/spec/config/min.insync.replicas").asInt(), name(topic));
        });
        // The services' bootstrap address is Strimzi's bootstrap Service of this cluster.
        prod.kind("ConfigMap").filter(c -> c.at("/data/KAFKA_BOOTSTRAP_SERVERS").isTextual()).forEach(c ->
                assertEquals(cluster + "-kafka-bootstrap:9092", c.at("/data/KAFKA_BOOTSTRAP_SERVERS").asText(), name(c)));
    }

    @Test
    void consumersRememberProcessedEventsLongerThanAnyTopicHoldsThem() {
        Matcher declared = Pattern.compile("@WithDefault\\(\"(\\d+)d\"\\)\\s+Duration processedEventsRetention")
                .matcher(Tools.read(Tools.ROOT.resolve("platform/core/src/main/java/io/airstay/platform/messaging/MessagingConfig.java")));
        assertTrue(declared.find(), "the default of airstay.messaging.processed-events-retention is a number of days");
        Duration remembered = Duration.ofDays(Long.parseLong(declared.group(1)));
        prod.kind("KafkaTopic").filter(topic -> EventCatalog.TOPICS.contains(name(topic))).forEach(topic -> {
            long retention = topic.at("/spec/config/retention.ms").asLong();
            long segment = topic.at("/spec/config/segment.ms").asLong();
            assertTrue(retention > 0 && segment > 0, name(topic) + ": retention.ms and segment.ms are set");
            // Kafka deletes a segment whole once its newest event is past retention: an event may stay one segment longer.
            assertTrue(Duration.ofMillis(retention + segment).compareTo(remembered) < 0, name(topic) + " holds events up to "
                    + Duration.ofMillis(retention + segment) + ", longer than processed ids are remembered (" + remembered + ")");
        });
    }

    @Test
    void everyServiceHasItsOwnPostgresClusterWithReplicasAndPgStatStatements() {
        Set<String> clusters = new TreeSet<>();
        prod.kind("Cluster").forEach(cluster -> {
            require(cluster, "/spec/instances", "/spec/storage/size", "/spec/bootstrap/initdb/database", "/spec/bootstrap/initdb/owner");
            assertTrue(cluster.at("/spec/instances").asInt() >= 2, name(cluster) + ": a primary and replicas");
            assertTrue(cluster.at("/spec/postgresql/parameters").has("pg_stat_statements.max"), name(cluster));
            assertTrue(cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL").toString().contains("pg_stat_statements"), name(cluster));
            clusters.add(name(cluster));
        });
        assertEquals(new TreeSet<>(List.of("search-db", "booking-db", "review-db", "availability-db")), clusters);

        for (String service : Rendered.SERVICES) {
            Map<String, String> config = Rendered.strings(prod.kind("ConfigMap")
                    .filter(c -> name(c).startsWith(service + "-service-config")).findFirst().orElseThrow().path("data"));
            // The read-write Service and the database of the service's own cluster.
            ObjectNode cluster = prod.find("Cluster", service + "-db").orElseThrow();
            assertEquals("jdbc:postgresql://" + service + "-db-rw:5432/" + cluster.at("/spec/bootstrap/initdb/database").asText(),
                    config.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("airstay_" + service, cluster.at("/spec/bootstrap/initdb/database").asText());
        }
        // Searches read from the replicas: CloudNativePG's read-only Service of search's cluster, then its primary.
        Map<String, String> search = Rendered.strings(prod.kind("ConfigMap")
                .filter(c -> name(c).startsWith("search-service-config")).findFirst().orElseThrow().path("data"));
        assertEquals("jdbc:postgresql://search-db-ro:5432,search-db-rw:5432/airstay_search",
                search.get("QUARKUS_DATASOURCE_READ_JDBC_URL"));
    }
}
