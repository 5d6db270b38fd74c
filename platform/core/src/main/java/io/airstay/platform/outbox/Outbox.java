package io.airstay.platform.outbox;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

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
    private static final String INSERT_ALL = """
            INSERT INTO silver.outbox_events (event_id, topic, event_key, event_type, envelope)
            SELECT event_id, ?, event_key, event_type, envelope FROM unnest(?, ?, ?, ?) AS e(event_id, event_key, event_type, envelope)""";
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

    /** Queues the events for {@code topic} with one statement, in their order (ids ascending), as {@link #publish} would. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String topic, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                insert.setString(1, topic);
                insert.setArray(2, connection.createArrayOf("uuid", events.stream().map(EventEnvelope::eventId).toArray()));
                insert.setArray(3, connection.createArrayOf("text", events.stream()
                        .map(event -> event.propertyId() == null ? null : event.propertyId().toString()).toArray()));
                insert.setArray(4, connection.createArrayOf("text", events.stream().map(EventEnvelope::eventType).toArray()));
                insert.setArray(5, connection.createArrayOf("text", events.stream().map(codec::encode).toArray()));
                insert.executeUpdate();
            }
        });
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
