package io.airstay.platform.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;
import io.airstay.platform.testing.RealServers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class IdempotentConsumerTest {

    private static final String TOPIC = "note-events";
    private static final String DEAD_LETTER_TOPIC = "dead-letter-topic-note-events";
    private static final String BATCH_TOPIC = "note-batch-events";

    @Inject
    EventCodec codec;
    @Inject
    EntityManager entityManager;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void redeliveredEventIsAppliedOnce() {
        EventEnvelope event = noteCreated("once");
        String json = codec.encode(event);

        KafkaTestClient.send(kafka, TOPIC, event.propertyId().toString(), json);
        KafkaTestClient.send(kafka, TOPIC, event.propertyId().toString(), json);
        EventEnvelope marker = noteCreated("after-the-duplicate");
        KafkaTestClient.send(kafka, TOPIC, event.propertyId().toString(), codec.encode(marker));

        // Same key, same partition: once the marker is applied, both copies have been consumed.
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(marker.eventId()) == 1);
        assertEquals(1, effects(event.eventId()));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndDoNotBlockThePartition() {
        String key = UUID.randomUUID().toString();
        EventEnvelope unprocessable = EventEnvelope.create("note.unprocessable", UUID.fromString(key), null,
                codec.toPayload(Map.of()), "platform-test");
        KafkaTestClient.send(kafka, TOPIC, key, "{not json at all");
        KafkaTestClient.send(kafka, TOPIC, key, codec.encode(unprocessable));
        EventEnvelope good = noteCreated("behind-the-poison", UUID.fromString(key));
        KafkaTestClient.send(kafka, TOPIC, key, codec.encode(good));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(good.eventId()) == 1);
        List<ConsumerRecord<String, String>> deadLetters = KafkaTestClient.readUntil(kafka, DEAD_LETTER_TOPIC,
                read -> read.stream().filter(r -> key.equals(r.key())).count() >= 2, Duration.ofSeconds(30));
        List<String> ours = deadLetters.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
        assertEquals(2, ours.size(), "both poison messages dead-lettered: " + ours);
        assertTrue(ours.contains("{not json at all"));
        assertTrue(ours.contains(codec.encode(unprocessable)));
    }

    @Test
    void aBatchIsAppliedOnceAndItsPoisonMessagesAloneAreDeadLettered() {
        UUID key = UUID.randomUUID();
        EventEnvelope first = noteCreated("batch-first", key);
        EventEnvelope unprocessable = EventEnvelope.create("note.unprocessable", key, null, codec.toPayload(Map.of()),
                "platform-test");
        EventEnvelope last = noteCreated("batch-last", key);
        String malformed = "{not json, batch " + key;
        KafkaTestClient.send(kafka, BATCH_TOPIC, key.toString(), codec.encode(first));
        KafkaTestClient.send(kafka, BATCH_TOPIC, key.toString(), malformed);
        KafkaTestClient.send(kafka, BATCH_TOPIC, key.toString(), codec.encode(unprocessable));
        KafkaTestClient.send(kafka, BATCH_TOPIC, key.toString(), codec.encode(first));
        KafkaTestClient.send(kafka, BATCH_TOPIC, key.toString(), codec.encode(last));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(last.eventId()) == 1);
        assertEquals(1, effects(first.eventId()), "the redelivered event was applied once");
        List<String> deadLetters = KafkaTestClient.readUntil(kafka, "dead-letter-topic-note-batches",
                read -> read.stream().filter(r -> r.value().contains(key.toString())).count() >= 2, Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(value -> value.contains(key.toString())).toList();
        assertEquals(2, deadLetters.size(), "the two poison messages, and only they: " + deadLetters);
        assertTrue(deadLetters.contains(malformed));
        assertTrue(deadLetters.stream().anyMatch(value -> value.contains(unprocessable.eventId().toString())));
    }

    @Test
    void aBatchReachesItsSetHandlersAsRunsOfOneTypeInTheOrderPolled() {
        List<EventEnvelope> polled = Stream.of("a", "a", "b", "a", "c", "c")
                .map(type -> EventEnvelope.create(type, null, null, null, "platform-test")).toList();

        List<List<String>> runs = IdempotentConsumer.runsOfOneType(polled).stream()
                .map(run -> run.stream().map(EventEnvelope::eventType).toList()).toList();

        assertEquals(List.of(List.of("a", "a"), List.of("b"), List.of("a"), List.of("c", "c")), runs);
    }

    @Test
    void transientDatabaseFailuresAreRecognised() {
        assertTrue(IdempotentConsumer.isTransient(new RuntimeException(new SQLException("deadlock", "40P01"))));
        assertTrue(IdempotentConsumer.isTransient(new SQLException("connection lost", "08006")));
        assertFalse(IdempotentConsumer.isTransient(new SQLException("unique violation", "23505")));
        assertFalse(IdempotentConsumer.isTransient(new IllegalArgumentException("bad payload")));
    }

    private EventEnvelope noteCreated(String text) {
        return noteCreated(text, UUID.randomUUID());
    }

    private EventEnvelope noteCreated(String text, UUID key) {
        return EventEnvelope.create("note.created", key, null, codec.toPayload(Map.of("text", text)), "platform-test");
    }

    private long effects(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM silver.note_effects WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }
}
