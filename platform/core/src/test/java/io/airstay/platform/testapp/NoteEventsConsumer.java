package io.airstay.platform.testapp;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;

@ApplicationScoped
public class NoteEventsConsumer {

    private final IdempotentConsumer consumer;
    private final EntityManager entityManager;

    public NoteEventsConsumer(IdempotentConsumer consumer, EntityManager entityManager) {
        this.consumer = consumer;
        this.entityManager = entityManager;
    }

    @Incoming("note-events")
    @Blocking
    public void onNoteEvent(String message) {
        consumer.process("note-effects", message, Map.of(
                "note.created", this::recordEffect,
                "note.unprocessable", event -> {
                    throw new IllegalArgumentException("this event can never be applied");
                }));
    }

    @Incoming("note-batches")
    @Blocking
    public void onNoteBatch(List<String> messages) {
        consumer.processBatch("note-batch-effects", "note-batches", messages, Map.of(
                "note.created", IdempotentConsumer.oneByOne(this::recordEffect),
                "note.unprocessable", events -> {
                    throw new IllegalArgumentException("this event can never be applied");
                }));
    }

    private void recordEffect(EventEnvelope event) {
        entityManager.createNativeQuery("INSERT INTO silver.note_effects (event_id, note_text) VALUES (?1, ?2)")
                .setParameter(1, event.eventId())
                .setParameter(2, event.payload().path("text").asText())
                .executeUpdate();
    }
}
