package io.airstay.platform.messaging;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies each event at most once per consumer: the event id is recorded in
 * {@code silver.processed_events} in the same transaction as the effect, so a redelivery finds it
 * and changes nothing.
 * <p>
 * Failures: a malformed message is thrown at once (the channel's dead-letter strategy takes it);
 * a transient database failure is retried until it passes, keeping the partition's order; any other
 * failure is retried {@link MessagingConfig#maxAttempts()} times, then thrown to the dead-letter topic.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final String RECORD_PROCESSED = """
            INSERT INTO silver.processed_events (consumer, event_id) VALUES (?1, ?2)
            ON CONFLICT DO NOTHING""";
    /** PostgreSQL SQLSTATEs worth retrying: serialization failure, deadlock, and the connection classes. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "08000", "08003", "08006", "57P01");

    private final EntityManager entityManager;
    private final EventCodec codec;
    private final MessagingConfig config;
    private final MeterRegistry registry;

    public IdempotentConsumer(EntityManager entityManager, EventCodec codec, MessagingConfig config, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Decodes {@code message} and runs the handler registered for its event type, once per event id.
     * Event types without a handler are skipped, so producers may add types before consumers know them.
     */
    public void process(String consumer, String message, Map<String, Consumer<EventEnvelope>> handlers) {
        EventEnvelope event = codec.decode(message);
        Consumer<EventEnvelope> handler = handlers.get(event.eventType());
        if (handler == null) {
            count(consumer, "ignored");
            return;
        }
        for (int attempt = 1;; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!recordProcessed(consumer, event.eventId())) {
                        return false;
                    }
                    handler.accept(event);
                    return true;
                });
                count(consumer, applied ? "applied" : "duplicate");
                return;
            } catch (MalformedEventException e) {
                count(consumer, "dead-lettered");
                throw e;
            } catch (RuntimeException e) {
                boolean isTransient = isTransient(e);
                if (!isTransient && attempt >= config.maxAttempts()) {
                    count(consumer, "dead-lettered");
                    throw e;
                }
                LOG.warnf("%s: attempt %d at %s %s failed (%s), retrying", consumer, attempt, event.eventType(),
                        event.eventId(), e.toString());
                backoff(attempt);
            }
        }
    }

    private boolean recordProcessed(String consumer, UUID eventId) {
        return entityManager.createNativeQuery(RECORD_PROCESSED)
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientException
                    || t instanceof PessimisticLockException || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void backoff(int attempt) {
        long millis = Math.min(config.maxBackoff().toMillis(), config.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an event", e);
        }
    }

    private void count(String consumer, String outcome) {
        registry.counter("airstay.events.consumed", "consumer", consumer, "outcome", outcome).increment();
    }
}
