package io.airstay.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;

/**
 * PostgreSQL LISTEN/NOTIFY for this replica: one dedicated connection listens on every registered
 * channel and hands each notification's payload to the channel's handler, on one thread.
 * <p>
 * A notification is sent when the transaction that issued it commits, and reaches every replica,
 * so it tells "this change is committed" across replicas without another moving part. While the
 * connection is being re-established notifications can be missed: handlers are wake-ups, and their
 * owners re-read the database after a bounded wait.
 */
@ApplicationScoped
public class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);

    private final AgroalDataSource dataSource;
    private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread listener;

    public PgNotifications(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel} (a plain identifier). */
    public synchronized void listen(String channel, Consumer<String> handler) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        handlers.put(channel, handler);
        if (listener == null) {
            listener = new Thread(this::run, "pg-notifications");
            listener.setDaemon(true);
            listener.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listenLoop(connection);
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("LISTEN connection lost, reconnecting in %s: %s", RECONNECT_BACKOFF, e.toString());
                    sleep(RECONNECT_BACKOFF);
                }
            }
        }
    }

    private void listenLoop(Connection connection) throws SQLException {
        Map<String, Consumer<String>> subscribed = Map.of();
        try {
            while (running) {
                if (!subscribed.keySet().equals(handlers.keySet())) {
                    subscribed = Map.copyOf(handlers);
                    try (Statement statement = connection.createStatement()) {
                        for (String channel : subscribed.keySet()) {
                            statement.execute("LISTEN " + channel);
                        }
                    }
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications((int) POLL.toMillis());
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        dispatch(notification);
                    }
                }
            }
        } finally {
            // The connection goes back to the pool: it must not keep receiving notifications.
            try (Statement statement = connection.createStatement()) {
                statement.execute("UNLISTEN *");
            } catch (SQLException e) {
                LOG.debugf("UNLISTEN failed (the connection is probably gone): %s", e);
            }
        }
    }

    private void dispatch(PGNotification notification) {
        Consumer<String> handler = handlers.get(notification.getName());
        if (handler == null) {
            return;
        }
        try {
            handler.accept(notification.getParameter());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Handler of channel %s failed", notification.getName());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
