package io.airstay.platform.messaging;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;

import org.hibernate.Session;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    /**
     * The worker pool of the booking saga's consumers (smallrye.messaging.worker.saga, one thread): under load, HTTP
     * requests fill the default worker pool, and a consumer queued behind them left the saga's events waiting for seconds.
     */
    public static final String SAGA_WORKER = "saga";

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final String RECORD_PROCESSED = """
            INSERT INTO silver.processed_events (consumer, event_id) VALUES (?1, ?2)
            ON CONFLICT DO NOTHING""";
    private static final String RECORD_ALL_PROCESSED = """
            INSERT INTO silver.processed_events (consumer, event_id) SELECT ?, unnest(?)
            ON CONFLICT DO NOTHING RETURNING event_id""";
    /** PostgreSQL SQLSTATEs worth retrying: serialization failure, deadlock, and the connection classes. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "08000", "08003", "08006", "57P01");

    private final EntityManager entityManager;
    private final EventCodec codec;
    private final MessagingConfig config;
    private final MeterRegistry registry;
    private final Outbox outbox;

    public IdempotentConsumer(EntityManager entityManager, EventCodec codec, MessagingConfig config, MeterRegistry registry,
            Outbox outbox) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.config = config;
        this.registry = registry;
        this.outbox = outbox;
    }

    /**
     * Decodes {@code message} and runs the handler registered for its event type, once per event id.
     * Event types without a handler are skipped, so producers may add types before consumers know them.
     * A message that cannot be applied is thrown back, for the channel's dead-letter strategy.
     */
    public void process(String consumer, String message, Map<String, Consumer<EventEnvelope>> handlers) {
        EventEnvelope event = decode(consumer, message);
        Consumer<EventEnvelope> handler = handlers.get(event.eventType());
        if (handler == null) {
            count(consumer, "ignored");
            return;
        }
        apply(consumer, event, handler);
    }

    /** A per-event handler as a set handler for {@link #processBatch}, for event types that gain nothing from sets. */
    public static Consumer<List<EventEnvelope>> oneByOne(Consumer<EventEnvelope> handler) {
        return events -> events.forEach(handler);
    }

    /** Per-event handlers as set handlers for {@link #processBatch}: a projection's batch channel. */
    public static Map<String, Consumer<List<EventEnvelope>>> oneByOne(Map<String, Consumer<EventEnvelope>> handlers) {
        Map<String, Consumer<List<EventEnvelope>>> sets = new HashMap<>();
        handlers.forEach((type, handler) -> sets.put(type, oneByOne(handler)));
        return Map.copyOf(sets);
    }

    /**
     * Like {@link #process}, for the messages a batch channel ({@code batch=true}) polled together:
     * all applied in one transaction, so a burst costs one commit instead of one per event. The handlers
     * take sets: each run of consecutive events of one type goes to its handler in one call, in the order
     * polled, so a handler can apply the run with a few statements instead of a few per event. The
     * event ids are recorded with one statement; only events not applied before reach the handlers.
     * When the batch fails, its events are applied one by one (each as a set of one); a message that
     * does not decode, or an event that still fails, goes to {@code dead-letter-topic-<channel>} through
     * the outbox, so one bad event neither blocks its batch nor sends the good ones to the dead-letter topic.
     */
    public void processBatch(String consumer, String channel, List<String> messages,
            Map<String, Consumer<List<EventEnvelope>>> handlers) {
        List<EventEnvelope> events = new ArrayList<>(messages.size());
        for (String message : messages) {
            try {
                EventEnvelope event = decode(consumer, message);
                if (handlers.containsKey(event.eventType())) {
                    events.add(event);
                } else {
                    count(consumer, "ignored");
                }
            } catch (MalformedEventException e) {
                deadLetter(consumer, channel, message, e);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        int[] applied = { 0 };
        Timer.Sample sample = Timer.start(registry);
        try {
            retryingTransient(consumer, events.size() + " events", () -> QuarkusTransaction.requiringNew().run(() -> {
                List<EventEnvelope> fresh = recordAllProcessed(consumer, events);
                for (List<EventEnvelope> run : runsOfOneType(fresh)) {
                    run.forEach(event -> recordDelivery(consumer, event));
                    handlers.get(run.get(0).eventType()).accept(run);
                    // Every native query and outbox write flushes the persistence context first: emptied after
                    // each run, a batch costs time in proportion to its size instead of its square.
                    entityManager.flush();
                    entityManager.clear();
                }
                applied[0] = fresh.size();
            }));
        } catch (RuntimeException batchFailure) {
            LOG.warnf("%s: a batch of %d events failed (%s); applying them one by one", consumer, events.size(),
                    batchFailure.toString());
            for (EventEnvelope event : events) {
                try {
                    apply(consumer, event, one -> handlers.get(one.eventType()).accept(List.of(one)));
                } catch (RuntimeException e) {
                    deadLetter(consumer, channel, codec.encode(event), e);
                }
            }
            return;
        }
        sample.stop(applyTime(consumer));
        registry.counter("airstay.events.consumed", "consumer", consumer, "outcome", "applied").increment(applied[0]);
        registry.counter("airstay.events.consumed", "consumer", consumer, "outcome", "duplicate")
                .increment(events.size() - applied[0]);
    }

    private EventEnvelope decode(String consumer, String message) {
        try {
            return codec.decode(message);
        } catch (MalformedEventException e) {
            count(consumer, "dead-lettered");
            throw e;
        }
    }

    /** Applies one event in its own transaction, once per event id; retries, then throws what still fails. */
    private void apply(String consumer, EventEnvelope event, Consumer<EventEnvelope> handler) {
        for (int attempt = 1;; attempt++) {
            Timer.Sample sample = Timer.start(registry);
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!recordProcessed(consumer, event.eventId())) {
                        return false;
                    }
                    recordDelivery(consumer, event);
                    handler.accept(event);
                    return true;
                });
                sample.stop(applyTime(consumer));
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

    /** Runs the work until it succeeds or fails for a reason other than a transient database failure. */
    private void retryingTransient(String consumer, String what, Runnable work) {
        for (int attempt = 1;; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                LOG.warnf("%s: attempt %d at %s failed (%s), retrying", consumer, attempt, what, e.toString());
                backoff(attempt);
            }
        }
    }

    private void deadLetter(String consumer, String channel, String message, RuntimeException failure) {
        String topic = "dead-letter-topic-" + channel;
        LOG.errorf("%s: sending a message to %s: %s", consumer, topic, failure.toString());
        retryingTransient(consumer, "a dead letter", () -> QuarkusTransaction.requiringNew().run(() -> outbox.deadLetter(topic, message)));
    }

    /** Records the events' ids with one statement; returns the events not applied before, in their order, once each. */
    private List<EventEnvelope> recordAllProcessed(String consumer, List<EventEnvelope> events) {
        Set<UUID> recorded = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(RECORD_ALL_PROCESSED)) {
                insert.setString(1, consumer);
                insert.setArray(2, connection.createArrayOf("uuid", events.stream().map(EventEnvelope::eventId).toArray()));
                Set<UUID> ids = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
        return events.stream().filter(event -> recorded.remove(event.eventId())).toList();
    }

    /** The events cut into runs of consecutive events of one type, in order. */
    static List<List<EventEnvelope>> runsOfOneType(List<EventEnvelope> events) {
        List<List<EventEnvelope>> runs = new ArrayList<>();
        for (EventEnvelope event : events) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).get(0).eventType().equals(event.eventType())) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(event);
        }
        return runs;
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

    /** Time from the event's creation in its producer's transaction until this consumer starts applying it. */
    private void recordDelivery(String consumer, EventEnvelope event) {
        if (event.eventTimestamp() != null) {
            Timer.builder("airstay.events.delivery")
                    .description("From an event's creation in its producer's transaction (outbox, relay, Kafka) to its application")
                    .tag("consumer", consumer).tag("event_type", event.eventType()).publishPercentileHistogram()
                    .register(registry).record(Duration.between(event.eventTimestamp(), Instant.now()));
        }
    }

    /** Time spent in the consumer's transactions: one per event, or one per batch. */
    private Timer applyTime(String consumer) {
        return Timer.builder("airstay.events.apply").description("Transactions applying consumed events (one per event or per batch)")
                .tag("consumer", consumer).publishPercentileHistogram().register(registry);
    }

    private void count(String consumer, String outcome) {
        registry.counter("airstay.events.consumed", "consumer", consumer, "outcome", outcome).increment();
    }
}
