package io.airstay.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testapp.NoteService;
import io.airstay.platform.testing.KafkaTestClient;
import io.airstay.platform.testing.RealServers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class OutboxTest {

    @Inject
    NoteService notes;
    @Inject
    OutboxRelay relay;
    @Inject
    EntityManager entityManager;
    @Inject
    EventCodec codec;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void committedEventReachesKafkaAndIsMarkedPublished() {
        UUID key = UUID.randomUUID();
        EventEnvelope event = notes.create(key, "hello", false);

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(kafka, NoteService.TOPIC,
                read -> read.stream().anyMatch(r -> r.value().contains(event.eventId().toString())), Duration.ofSeconds(30));

        ConsumerRecord<String, String> record = records.stream()
                .filter(r -> r.value().contains(event.eventId().toString())).findFirst().orElseThrow();
        assertEquals(key.toString(), record.key(), "keyed by property id");
        assertEquals(event, codec.decode(record.value()));
        assertEquals("note.created", new String(record.headers().lastHeader("event_type").value()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> publishedAt(event.eventId()) != null);
    }

    @Test
    void rolledBackTransactionLeavesNeitherStateNorEvent() {
        UUID key = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> notes.create(key, "doomed", true));

        long notesWritten = count("SELECT count(*) FROM silver.notes WHERE note_key = ?1", key);
        long eventsWritten = count("SELECT count(*) FROM silver.outbox_events WHERE event_key = ?1", key.toString());
        assertEquals(0, notesWritten);
        assertEquals(0, eventsWritten);
    }

    @Test
    void relayRestartsLoseNothingAndKeepPerKeyOrder() throws Exception {
        relay.stop();
        List<UUID> keys = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<String, List<String>> expectedPerKey = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            UUID key = keys.get(i % keys.size());
            EventEnvelope event = notes.create(key, "n" + i, false);
            expectedPerKey.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(event.eventId().toString());
        }

        // Relay part of the backlog, stop, then pretend the relay crashed after sending the first
        // 50 rows but before marking them: they must be sent again, not lost and not reordered.
        relay.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(keys) < 300);
        relay.stop();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                UPDATE silver.outbox_events SET published_at = NULL WHERE id IN (
                    SELECT id FROM silver.outbox_events WHERE event_key IN (?1, ?2, ?3) ORDER BY id LIMIT 50)""")
                .setParameter(1, keys.get(0).toString()).setParameter(2, keys.get(1).toString())
                .setParameter(3, keys.get(2).toString()).executeUpdate());
        relay.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(keys) == 0);

        Set<String> ourKeys = expectedPerKey.keySet();
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(kafka, NoteService.TOPIC,
                read -> firstDeliveries(read, ourKeys).values().stream().mapToInt(List::size).sum() == 300,
                Duration.ofSeconds(30));

        Map<String, List<String>> deliveredPerKey = firstDeliveries(records, ourKeys);
        assertEquals(expectedPerKey, deliveredPerKey, "every event delivered, each key in commit order");
        long copies = records.stream().filter(r -> ourKeys.contains(r.key())).count();
        assertTrue(copies >= 300 + 50, "the 50 unmarked rows were sent again (at least once delivery): " + copies);
    }

    /** Event ids per key in the order of their first delivery (later copies are what consumers deduplicate). */
    private Map<String, List<String>> firstDeliveries(List<ConsumerRecord<String, String>> records, Set<String> keys) {
        Map<String, LinkedHashSet<String>> seen = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (keys.contains(record.key())) {
                seen.computeIfAbsent(record.key(), k -> new LinkedHashSet<>()).add(codec.decode(record.value()).eventId().toString());
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        keys.forEach(key -> result.put(key, new ArrayList<>(seen.getOrDefault(key, new LinkedHashSet<>()))));
        return result;
    }

    private long unpublished(List<UUID> keys) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM silver.outbox_events WHERE published_at IS NULL AND event_key IN (?1, ?2, ?3)")
                .setParameter(1, keys.get(0).toString()).setParameter(2, keys.get(1).toString())
                .setParameter(3, keys.get(2).toString()).getSingleResult()).longValue());
    }

    private Object publishedAt(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT published_at FROM silver.outbox_events WHERE event_id = ?1").setParameter(1, eventId).getSingleResult());
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
