package io.airstay.search.repository;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.core.BaseConnection;

import io.agroal.api.AgroalDataSource;
import io.airstay.platform.db.AfterCommit;
import io.airstay.platform.db.Constraints;
import io.airstay.search.config.SearchConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * The replica that searches read (docs/read-replica.md): the {@code read} datasource, whose URL names the replica,
 * then the primary. Without a replica (the read URL is the primary's, as in tests and by default) it only runs reads.
 * <ul>
 * <li><b>Fallback.</b> pgjdbc connects to the primary when the replica refuses connections (a crashed or stopped
 * server), and a read on a connection the replica closed runs again on the primary. A replica that stops answering without
 * refusing (frozen, cut off) is found by a probe on a connection of its own, every {@code replica-probe-every} with a
 * {@value #PROBE_TIMEOUT_MILLIS} ms timeout: reads then take the primary's pool, the read pool is emptied, the reads
 * waiting on the replica are cut off, and a read that fails as an unavailable database runs again on the primary.
 * Once the probe is answered again, the read pool is renewed, so that its connections return to the replica.</li>
 * <li><b>Lag.</b> The probe compares the replica's replay position with the primary's WAL position: gauge
 * {@code airstay_read_replica_lag_seconds}, measured in positions rather than from the last replayed commit's time
 * alone, which grows while the primary is idle; {@code airstay_read_replica_answering}.</li>
 * <li><b>Reading one's writes.</b> {@link #afterReplayed} holds a writer until the replica has its commit, so that
 * searches it retires after the commit are read again with the change.</li>
 * </ul>
 */
@ApplicationScoped
public class ReadReplica {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class);
    static final int PROBE_TIMEOUT_MILLIS = 500;
    private static final int MAX_POSITIONS = 4096;
    private static final String POSTGRES_URL = "jdbc:postgresql://";
    /** The replica's position, and how long ago the last transaction it replayed committed. */
    private static final String REPLICA_POSITION = """
            SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() - '0/0'::pg_lsn,
                   EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())""";

    /** A read that needs a connection. */
    @FunctionalInterface
    public interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The primary's WAL position at a moment of this JVM's clock. */
    private record Sample(long nanos, long position) {
    }

    private final AgroalDataSource primary;
    private final AgroalDataSource read;
    private final TransactionSynchronizationRegistry transactions;
    private final Duration replayWait;
    /** The read URL with the replica alone; null without a replica. */
    private final String replicaUrl;
    private final Properties probeProperties = new Properties();
    private final Duration probeEvery;
    private final ScheduledExecutorService probing = Executors.newSingleThreadScheduledExecutor(daemon("read-replica-probe"));
    private final ExecutorService afterCommit = Executors.newCachedThreadPool(daemon("read-replica-catch-up"));
    /**
     * The primary's sampled positions, oldest first, from the newest one the replica has replayed; the probe's thread
     * only. At most {@value #MAX_POSITIONS}: a replica that far behind is judged by its last replayed commit.
     */
    private final Deque<Sample> positions = new ArrayDeque<>();
    /** The connections that reads are using on the read datasource now. */
    private final Set<Connection> onReplica = ConcurrentHashMap.newKeySet();
    private Connection probe;
    private volatile boolean answering = true;
    private volatile double lagSeconds = Double.NaN;

    public ReadReplica(AgroalDataSource primary, @DataSource("read") AgroalDataSource read,
            TransactionSynchronizationRegistry transactions, SearchConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String primaryUrl,
            @ConfigProperty(name = "quarkus.datasource.read.jdbc.url") String readUrl,
            @ConfigProperty(name = "quarkus.datasource.read.username") String username,
            @ConfigProperty(name = "quarkus.datasource.read.password") String password) {
        this.primary = primary;
        this.read = read;
        this.transactions = transactions;
        this.replayWait = config.replicaWait();
        this.probeEvery = config.replicaProbeEvery();
        this.replicaUrl = readUrl.equals(primaryUrl) ? null : firstHost(readUrl);
        probeProperties.setProperty("user", username);
        probeProperties.setProperty("password", password);
        probeProperties.setProperty("connectTimeout", "1");
        probeProperties.setProperty("socketTimeout", "1"); // also bounds the login to a server that does not answer
        probeProperties.setProperty("ApplicationName", "search-service replica probe");
        if (replicaUrl != null) {
            Gauge.builder("airstay.read.replica.lag.seconds", this, replica -> replica.lagSeconds)
                    .description("How far behind the primary the data that searches read is (NaN: not measured)")
                    .register(registry);
            Gauge.builder("airstay.read.replica.answering", this, replica -> replica.answering ? 1 : 0)
                    .description("1 while searches read the replica, 0 while they read the primary because it does not answer")
                    .register(registry);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** {@code jdbc:postgresql://replica,primary/db?...} without the hosts after the first. */
    static String firstHost(String url) {
        int hostsEnd = url.indexOf('/', POSTGRES_URL.length());
        String hosts = url.substring(POSTGRES_URL.length(), hostsEnd);
        return POSTGRES_URL + hosts.split(",")[0] + url.substring(hostsEnd);
    }

    /**
     * Runs {@code query} on the replica, or on the primary while the replica does not answer. A read that fails on the
     * replica as an unavailable database (it went down), or while the probe found it not answering, runs again on the
     * primary.
     */
    public <T> T read(Read<T> query) throws SQLException {
        if (answering) {
            try (Connection connection = read.getConnection()) {
                onReplica.add(connection);
                try {
                    return query.run(connection);
                } finally {
                    onReplica.remove(connection);
                }
            } catch (SQLException e) {
                if (answering && !Constraints.databaseUnavailable(e)) {
                    throw e;
                }
                LOG.debugf("Read failed on the read datasource, running it on the primary: %s", e);
            }
        }
        try (Connection connection = primary.getConnection()) {
            return query.run(connection);
        }
    }

    /**
     * Runs {@code retire} once the current transaction has committed and the replica has replayed the commit (for at
     * most {@code replica-wait}), before the writer's call returns; without a replica, or while it does not answer,
     * at once (it may register its own after-commit work).
     */
    public void afterReplayed(Runnable retire) {
        if (replicaUrl == null || !answering) {
            retire.run();
            return;
        }
        // on a thread of its own, outside the finished transaction, which takes no more work
        AfterCommit.run(transactions, () -> {
            try {
                afterCommit.submit(() -> {
                    awaitReplay();
                    retire.run();
                }).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warnf("Could not retire searches after a commit: %s", e.getCause());
            }
        });
    }

    /**
     * Waits until the server that searches read has replayed the primary's WAL as it stands now (at once when that is
     * the primary), for at most {@code replica-wait}.
     */
    private void awaitReplay() {
        long deadline = System.nanoTime() + replayWait.toNanos();
        try {
            long target = primaryPosition();
            while (!read(connection -> replayed(connection, target))) {
                if (System.nanoTime() > deadline) {
                    LOG.debugf("The replica did not replay a commit within %s", replayWait);
                    return;
                }
                Thread.sleep(2);
            }
        } catch (SQLException e) {
            LOG.debugf("Could not wait for the replica: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean replayed(Connection connection, long position) throws SQLException {
        try (PreparedStatement replayed = connection.prepareStatement(
                "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() - '0/0'::pg_lsn >= ?")) {
            replayed.setLong(1, position);
            try (ResultSet row = replayed.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** The primary's WAL insert position, in bytes: past every commit that returned. */
    private long primaryPosition() throws SQLException {
        try (Connection connection = primary.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Probes on a thread of its own: Quarkus' scheduler checks its triggers once a second. */
    void onStart(@Observes StartupEvent event) {
        if (replicaUrl != null) {
            long every = probeEvery.toMillis();
            probing.scheduleWithFixedDelay(this::probe, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Checks that the replica answers, and how far behind the primary it is; never per request. */
    private void probe() {
        Sample primaryNow = null;
        try {
            primaryNow = new Sample(System.nanoTime(), primaryPosition());
        } catch (SQLException e) {
            positions.clear(); // without the primary's positions there is nothing to compare with
        }
        try {
            if (probe == null) {
                probe = DriverManager.getConnection(replicaUrl, probeProperties);
                probe.setNetworkTimeout(Runnable::run, PROBE_TIMEOUT_MILLIS);
            }
            try (Statement sql = probe.createStatement(); ResultSet row = sql.executeQuery(REPLICA_POSITION)) {
                row.next();
                boolean standby = row.getBoolean(1);
                long replayed = row.getLong(2);
                double sinceLastReplay = row.getDouble(3);
                // a replica that has replayed no transaction yet has no time of one
                lagSeconds = standby ? lag(primaryNow, replayed, row.wasNull() ? Double.NaN : sinceLastReplay) : 0;
            }
            answered();
        } catch (SQLException e) {
            notAnswered(e);
        }
    }

    /**
     * Seconds behind: 0 once the replica has replayed the primary's position sampled just before. Otherwise at most the
     * time since the newest sampled position it has replayed, which also holds after an idle primary, and at most the
     * time since the last commit it replayed, which is finer under steady writes.
     */
    private double lag(Sample primaryNow, long replayed, double sinceLastReplay) {
        if (primaryNow == null) {
            return Double.NaN;
        }
        positions.addLast(primaryNow);
        if (positions.size() > MAX_POSITIONS) {
            positions.pollFirst();
        }
        Sample newestReplayed = null;
        while (!positions.isEmpty() && positions.peekFirst().position() <= replayed) {
            newestReplayed = positions.pollFirst();
        }
        if (newestReplayed == null) {
            return sinceLastReplay;
        }
        positions.addFirst(newestReplayed); // the one to measure from at the next probe, unless the replica moves on
        if (newestReplayed == primaryNow) {
            return 0;
        }
        double sinceReplayedPosition = (primaryNow.nanos() - newestReplayed.nanos()) / 1e9;
        return Double.isNaN(sinceLastReplay) ? sinceReplayedPosition : Math.min(sinceReplayedPosition, sinceLastReplay);
    }

    private void answered() {
        if (!answering) {
            LOG.info("The read replica answers again: searches read it");
            answering = true;
            read.flush(AgroalDataSource.FlushMode.GRACEFUL); // connections made meanwhile may be the primary's
        }
    }

    private void notAnswered(SQLException e) {
        closeProbe();
        lagSeconds = Double.NaN;
        if (answering) {
            LOG.warnf("The read replica does not answer (%s): searches read the primary", e.getMessage());
            answering = false;
            read.flush(AgroalDataSource.FlushMode.ALL);
            onReplica.forEach(ReadReplica::abort); // ends the reads waiting on it, which run again on the primary
        }
    }

    /** Closes the connection's socket at once (closing it would wait for the read in progress). */
    private static void abort(Connection connection) {
        try {
            connection.unwrap(BaseConnection.class).abort(Runnable::run);
        } catch (SQLException e) {
            LOG.debugf("Could not abort a read on the replica: %s", e);
        }
    }

    private void closeProbe() {
        if (probe != null) {
            try {
                probe.abort(Runnable::run);
            } catch (SQLException ignored) {
                // it is being dropped
            }
            probe = null;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        probing.shutdownNow();
        probing.awaitTermination(PROBE_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        afterCommit.shutdownNow();
        closeProbe();
    }
}
