package io.airstay.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.airstay.platform.db.PgNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Sends committed outbox rows to Kafka in id order and marks them published.
 * <p>
 * One replica at a time relays: the holder of a PostgreSQL advisory lock. A single sender keeps the
 * order of each key across replicas; the lock is released when its connection closes, so another
 * replica takes over after a crash. The relay sleeps until the trigger that every outbox insert
 * fires at commit notifies it (through {@link PgNotifications}), or the poll interval passes. A crash between sending and marking re-sends those rows:
 * delivery is at least once and consumers are idempotent.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay role; each service has its own database, so one id suffices. */
    private static final long RELAY_LOCK = 0x4169725374617901L;
    private static final String CHANNEL = "airstay_outbox";
    private static final String SELECT_UNPUBLISHED = """
            SELECT id, topic, event_key, event_type, envelope, created_at FROM silver.outbox_events
            WHERE published_at IS NULL ORDER BY id LIMIT ?""";
    private static final String MARK_PUBLISHED = "UPDATE silver.outbox_events SET published_at = now() WHERE id = ANY (?)";
    private static final String COUNT_UNPUBLISHED = "SELECT count(*) FROM silver.outbox_events WHERE published_at IS NULL";

    private final AgroalDataSource dataSource;
    private final PgNotifications notifications;
    private final Semaphore committed = new Semaphore(0);
    private final OutboxConfig config;
    private final Map<String, Object> kafkaDefaults;
    private final Counter publishedCounter;
    private final MeterRegistry registry;
    private final Map<String, Timer> publishDelays = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(AgroalDataSource dataSource, PgNotifications notifications, OutboxConfig config,
            MeterRegistry registry, @Identifier("default-kafka-broker") Map<String, Object> kafkaDefaults) {
        this.dataSource = dataSource;
        this.notifications = notifications;
        this.config = config;
        this.kafkaDefaults = kafkaDefaults;
        this.publishedCounter = Counter.builder("airstay.outbox.published")
                .description("Outbox events sent to Kafka").register(registry);
        this.registry = registry;
        Gauge.builder("airstay.outbox.backlog", this, OutboxRelay::backlog)
                .description("Outbox events not yet published").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            notifications.listen(CHANNEL, payload -> committed.release());
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                if (tryBecomeRelay(connection)) {
                    try {
                        relayWhileRunning(connection);
                    } finally {
                        resign(connection);
                    }
                } else {
                    pause();
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("Outbox relay interrupted, retrying in %s: %s", config.retryBackoff(), e.toString());
                    pause();
                }
            }
        }
    }

    private void relayWhileRunning(Connection connection) throws SQLException, InterruptedException {
        try (KafkaProducer<String, String> producer = createProducer()) {
            while (running) {
                if (relayBatch(connection, producer) < config.batchSize()) {
                    // Returns at once if a commit notified while the batch was being sent.
                    committed.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    committed.drainPermits();
                }
            }
        }
    }

    private int relayBatch(Connection connection, KafkaProducer<String, String> producer) throws SQLException {
        List<OutboxRow> rows = unpublished(connection);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.envelope());
            record.headers().add("event_type", row.eventType().getBytes(StandardCharsets.UTF_8));
            sends.add(producer.send(record));
        }
        producer.flush();
        int delivered = 0;
        Exception failure = null;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
                delivered++;
            } catch (ExecutionException e) {
                failure = e;
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            }
        }
        // Only the delivered prefix is marked, so a row is never marked ahead of an earlier row of its key.
        markPublished(connection, rows.subList(0, delivered));
        if (failure != null) {
            throw new IllegalStateException("Kafka did not acknowledge outbox event " + rows.get(delivered).id(), failure);
        }
        return delivered;
    }

    private List<OutboxRow> unpublished(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_UNPUBLISHED)) {
            select.setInt(1, config.batchSize());
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
            return rows;
        }
    }

    private void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(MARK_PUBLISHED)) {
            update.setArray(1, connection.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray()));
            update.executeUpdate();
        }
        Instant now = Instant.now();
        for (OutboxRow row : rows) {
            publishDelay(row.eventType()).record(Duration.between(row.createdAt(), now));
        }
        publishedCounter.increment(rows.size());
    }

    /** Per event type, so each hop of the booking saga shows its own relay time. */
    private Timer publishDelay(String eventType) {
        return publishDelays.computeIfAbsent(eventType, type -> Timer.builder("airstay.outbox.delay")
                .description("Time from an event's write in its transaction to its acknowledgement by Kafka")
                .tag("event_type", type).publishPercentileHistogram().register(registry));
    }

    private static boolean tryBecomeRelay(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The connection goes back to the pool: drop the session-level lock it carries. */
    private static void resign(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.debugf("Could not resign the relay role cleanly (the connection is probably gone): %s", e);
        }
    }

    private KafkaProducer<String, String> createProducer() {
        // The kafka.* settings every client of the service shares (bootstrap servers, SASL credentials, ...).
        Properties props = new Properties();
        props.putAll(kafkaDefaults);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Durable, ordered, batched, compressed.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "32768");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
        // Fail a stuck send within seconds so the relay backs off and retries, instead of hanging for minutes.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return new KafkaProducer<>(props);
    }

    private double backlog() {
        try (Connection connection = dataSource.getConnection();
                Statement count = connection.createStatement();
                ResultSet rs = count.executeQuery(COUNT_UNPUBLISHED)) {
            return rs.next() ? rs.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record OutboxRow(long id, String topic, String key, String eventType, String envelope, Instant createdAt) {
    }
}
