package io.airstay.platform.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;

/**
 * Writes events into the outbox table inside the caller's transaction, so the event commits or rolls
 * back with the state change it announces. {@link OutboxRelay} sends committed rows to Kafka.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO silver.outbox_events (event_id, topic, event_key, event_type, envelope)
            VALUES (?1, ?2, ?3, ?4, ?5)""";
    private static final String INSERT_DEAD_LETTER = """
            INSERT INTO silver.outbox_events (event_id, topic, event_type, envelope) VALUES (?1, ?2, 'dead-letter', ?3)""";

    private final EntityManager entityManager;
    private final EventCodec codec;

    public Outbox(EntityManager entityManager, EventCodec codec) {
        this.entityManager = entityManager;
        this.codec = codec;
    }

    /** Queues the event for {@code topic}, keyed by its property id (the partitioning key of every topic). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, EventEnvelope event) {
        // Flush pending entity changes first: their row locks are then taken before the event row gets
        // its id, so two transactions changing the same aggregate get ids in commit order.
        entityManager.flush();
        entityManager.createNativeQuery(INSERT)
                .setParameter(1, event.eventId())
                .setParameter(2, topic)
                .setParameter(3, event.propertyId() == null ? null : event.propertyId().toString())
                .setParameter(4, event.eventType())
                .setParameter(5, codec.encode(event))
                .executeUpdate();
    }

    /** Queues a message that could not be consumed, as it arrived, for a dead-letter topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadLetter(String topic, String message) {
        entityManager.createNativeQuery(INSERT_DEAD_LETTER)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, topic)
                .setParameter(3, message)
                .executeUpdate();
    }
}
