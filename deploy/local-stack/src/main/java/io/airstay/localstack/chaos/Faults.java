package io.airstay.localstack.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The faults a chaos run injects into the running local stack, through {@code ./airstay kill} and {@code restart}
 * (which crash and restart one process, services and infrastructure alike) and signals. Each fault returns once the
 * platform has everything back: the process restarted and ready.
 */
final class Faults {

    /**
     * A fault: what it does, whether reads must keep answering throughout (Redis faults), and whether every service
     * must stay ready throughout (Redis and Kafka faults: the services can still serve).
     */
    record Fault(String name, String description, boolean readsMustSucceed, boolean servicesStayReady, Injection injection) {
    }

    interface Injection {
        void run() throws Exception;
    }

    private final Path root;
    private final Path local;
    private final String jdbc;
    private final Duration kafkaDown;
    private final Duration redisPause;

    Faults(Path root, Path local, String jdbc, Duration kafkaDown, Duration redisPause) {
        this.root = root;
        this.local = local;
        this.jdbc = jdbc;
        this.kafkaDown = kafkaDown;
        this.redisPause = redisPause;
    }

    /** Every fault, by name, in the order a full run injects them. */
    Map<String, Fault> all() {
        Map<String, Fault> faults = new LinkedHashMap<>();
        for (String service : List.of("booking-service", "availability-service", "review-service", "search-service",
                "search-service-2")) {
            // the gateway sends a read that fails on one search replica to the other
            boolean oneOfTwoReplicas = service.startsWith("search-service");
            String description = "SIGKILL of " + service + (oneOfTwoReplicas ? " (one of two search replicas)" : "")
                    + ", restarted 2 s later";
            faults.put("kill-" + service, new Fault("kill-" + service, description, oneOfTwoReplicas, false,
                    () -> crashAndRestart(service, Duration.ofSeconds(2))));
        }
        faults.put("kafka-down", new Fault("kafka-down", "Kafka broker killed, down " + kafkaDown.toSeconds() + " s, restarted",
                false, true, () -> crashAndRestart("kafka", kafkaDown)));
        faults.put("postgres-immediate", new Fault("postgres-immediate",
                "PostgreSQL stopped (immediate: no checkpoint), restarted with crash recovery", false, false,
                () -> crashAndRestart("postgres", Duration.ofSeconds(2))));
        // search-service reads the replica and turns to the primary when it stops answering
        faults.put("replica-down", new Fault("replica-down",
                "the PostgreSQL read replica stopped (immediate), down 5 s, restarted", true, true,
                () -> crashAndRestart("postgres-replica", Duration.ofSeconds(5))));
        faults.put("redis-pause", new Fault("redis-pause", "Redis frozen (SIGSTOP) " + redisPause.toSeconds() + " s", true, true,
                this::pauseRedis));
        faults.put("redis-restart-empty", new Fault("redis-restart-empty", "Redis killed, restarted without its data", true, true,
                this::restartRedisEmpty));
        faults.put("outbox-relay-kill", new Fault("outbox-relay-kill",
                "booking-service (the outbox relay) killed after Kafka took a batch, before the batch was marked sent",
                false, false, this::killRelayBetweenSendAndMark));
        return faults;
    }

    private void crashAndRestart(String process, Duration down) throws Exception {
        airstay("kill", process);
        Thread.sleep(down.toMillis());
        airstay("restart", process);
    }

    private void pauseRedis() throws Exception {
        String pid = infraPid("redis");
        signal("STOP", pid);
        try {
            Thread.sleep(redisPause.toMillis());
        } finally {
            signal("CONT", pid);
        }
    }

    private void restartRedisEmpty() throws Exception {
        airstay("kill", "redis");
        Files.deleteIfExists(local.resolve("redis/dump.rdb")); // held down: nothing writes it again
        airstay("restart", "redis");
    }

    /**
     * A trigger makes the relay's "mark sent" UPDATE sleep: the batch is in Kafka, not yet marked. booking-service is
     * killed then; the new process finds the batch unmarked and sends it again, which consumers must recognise.
     */
    private void killRelayBetweenSendAndMark() throws Exception {
        try (Connection admin = DriverManager.getConnection(jdbc + "airstay_booking", "postgres", "");
                Statement sql = admin.createStatement()) {
            sql.execute("""
                    CREATE OR REPLACE FUNCTION silver.chaos_hold_marking() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(120); RETURN NULL; END $$""");
            sql.execute("""
                    CREATE TRIGGER chaos_hold_marking BEFORE UPDATE ON silver.outbox_events
                    FOR EACH STATEMENT EXECUTE FUNCTION silver.chaos_hold_marking()""");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                Integer relay = null;
                while (relay == null) {
                    relay = heldRelay(sql);
                    if (relay == null && System.nanoTime() > deadline) {
                        throw new IllegalStateException("no outbox batch was sent within 30 s: is there traffic?");
                    }
                    Thread.sleep(50);
                }
                airstay("kill", "booking-service");
                sql.execute("SELECT pg_terminate_backend(" + relay + ")");
            } finally {
                sql.execute("DROP TRIGGER IF EXISTS chaos_hold_marking ON silver.outbox_events");
                sql.execute("DROP FUNCTION IF EXISTS silver.chaos_hold_marking()");
            }
        }
        airstay("restart", "booking-service");
    }

    /** The backend of a relay whose "mark sent" sleeps in the trigger, if there is one. */
    private static Integer heldRelay(Statement sql) throws SQLException {
        try (ResultSet rs = sql.executeQuery("""
                SELECT pid FROM pg_stat_activity WHERE datname = 'airstay_booking' AND wait_event = 'PgSleep'
                AND query LIKE 'UPDATE silver.outbox_events SET published_at%'""")) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }

    private String infraPid(String name) throws Exception {
        for (String line : Files.readAllLines(local.resolve("infra.ready"))) {
            String[] fields = line.split(" ");
            if (fields[0].equals(name)) {
                return fields[1];
            }
        }
        throw new IllegalStateException(name + " is not in " + local.resolve("infra.ready"));
    }

    private static void signal(String signal, String pid) throws Exception {
        run(new ProcessBuilder("kill", "-" + signal, pid));
    }

    private void airstay(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("airstay").toString()));
        command.addAll(List.of(arguments));
        run(new ProcessBuilder(command).directory(root.toFile()));
    }

    private static void run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed:\n" + output);
        }
    }
}
