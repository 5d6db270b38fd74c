package io.airstay.platform.testapp;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.outbox.Outbox;

/** A tiny service in the house style: state change and its event in one transaction. */
@ApplicationScoped
public class NoteService {

    public static final String TOPIC = "notes";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final EventCodec codec;

    public NoteService(EntityManager entityManager, Outbox outbox, EventCodec codec) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.codec = codec;
    }

    /** Stores a note and announces it; {@code failAfterWrite} aborts the transaction after both writes. */
    @Transactional
    public EventEnvelope create(UUID key, String text, boolean failAfterWrite) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.key = key;
        note.text = text;
        entityManager.persist(note);
        EventEnvelope event = EventEnvelope.create("note.created", key, null, codec.toPayload(Map.of("text", text)), "platform-test");
        outbox.publish(TOPIC, event);
        if (failAfterWrite) {
            throw new IllegalStateException("simulated failure after the writes");
        }
        return event;
    }
}
