package io.airstay.localstack;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.airstay.platform.testing.BindAddress;
import io.airstay.platform.testing.EmbeddedServers;
import io.airstay.platform.testing.TokenIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The platform's infrastructure on one machine: PostgreSQL 17 with the role and database of every service,
 * Redis and a Kafka KRaft broker on their usual ports, their data kept across restarts in a directory of their own,
 * each listening on 127.0.0.1 only. Runs in the foreground until SIGTERM or SIGINT, which stop everything it started;
 * {@code ./airstay up} starts it.
 * <p>
 * Usage: {@code LocalStack [dir]}, dir defaulting to {@code deploy/.local}. Environment: {@code AIRSTAY_PG_PORT}
 * (5432), {@code AIRSTAY_REDIS_PORT} (6379), {@code AIRSTAY_KAFKA_PORT} (9092); {@code AIRSTAY_BIND_ADDRESS}
 * (127.0.0.1: the address every server listens on, {@link BindAddress}); {@code AIRSTAY_PG_EXTERNAL=true} uses
 * a PostgreSQL that already listens on the port, provisioned as superuser {@code AIRSTAY_PG_ADMIN_USER}
 * ({@code postgres}) with password {@code AIRSTAY_PG_ADMIN_PASSWORD} (empty).
 */
public final class LocalStack implements AutoCloseable {

    /** The services' databases, each owned by {@link #ROLE}. */
    static final List<String> DATABASES = List.of(
            "airstay_search", "airstay_booking", "airstay_review", "airstay_availability");
    /** The services' login role; its password is its name. */
    static final String ROLE = "airstay";
    /** Written in the directory once everything serves: one line "name pid" per server process started. */
    static final String READY_FILE = "infra.ready";
    static final String JWT_KEYS = "jwt";

    record Settings(Path dir, int postgresPort, int redisPort, int kafkaPort,
            boolean postgresExternal, String adminUser, String adminPassword) {

        static Settings fromEnvironment(Path dir) {
            Map<String, String> env = System.getenv();
            return new Settings(dir.toAbsolutePath(),
                    Integer.parseInt(env.getOrDefault("AIRSTAY_PG_PORT", "5432")),
                    Integer.parseInt(env.getOrDefault("AIRSTAY_REDIS_PORT", "6379")),
                    Integer.parseInt(env.getOrDefault("AIRSTAY_KAFKA_PORT", "9092")),
                    Boolean.parseBoolean(env.get("AIRSTAY_PG_EXTERNAL")),
                    env.getOrDefault("AIRSTAY_PG_ADMIN_USER", "postgres"),
                    env.getOrDefault("AIRSTAY_PG_ADMIN_PASSWORD", ""));
        }
    }

    private interface Stop {
        void run() throws Exception;
    }

    private record Server(String name, long pid, Stop stop) {
    }

    private final Settings settings;
    private final Path logs;
    private final Deque<Server> started = new ArrayDeque<>();
    private boolean closed;

    LocalStack(Settings settings) {
        this.settings = settings;
        this.logs = settings.dir().resolve("logs");
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(Settings.fromEnvironment(Path.of(args.length > 0 ? args[0] : "deploy/.local")));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (IllegalStateException e) {
            System.err.println("local stack: " + e.getMessage());
            System.exit(1); // the shutdown hook stops what did start
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        Thread.currentThread().join(); // until SIGTERM/SIGINT runs the shutdown hook
    }

    /**
     * Starts PostgreSQL (unless an external one is to be used), Redis and Kafka, creates the development key pair
     * that signs bearer tokens (kept in the data directory, never in the repository), then writes the ready file.
     */
    void start() throws Exception {
        Files.createDirectories(logs);
        Path ready = settings.dir().resolve(READY_FILE);
        Files.deleteIfExists(ready);

        boolean postgresListens = listens(settings.postgresPort());
        if (postgresListens && !settings.postgresExternal()) {
            throw new IllegalStateException("port " + settings.postgresPort() + " is taken: a PostgreSQL already runs"
                    + " there? Set AIRSTAY_PG_EXTERNAL=true to use it (a superuser creates the role and databases:"
                    + " AIRSTAY_PG_ADMIN_USER, AIRSTAY_PG_ADMIN_PASSWORD), or AIRSTAY_PG_PORT to run ours elsewhere.");
        }
        requireFree(settings.redisPort(), "Redis", "AIRSTAY_REDIS_PORT");
        requireFree(settings.kafkaPort(), "Kafka", "AIRSTAY_KAFKA_PORT");

        if (postgresListens) {
            provision();
            ready("postgres", "the PostgreSQL already on port " + settings.postgresPort() + " (AIRSTAY_PG_EXTERNAL)");
        } else {
            startPostgres();
        }
        startRedis();
        startKafka();
        TokenIssuer.inDirectory(settings.dir().resolve(JWT_KEYS));

        String pids = started.stream().map(server -> server.name() + " " + server.pid() + "\n")
                .collect(Collectors.joining());
        Path tmp = Files.writeString(settings.dir().resolve(READY_FILE + ".tmp"), pids);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE); // readers never see half a file
        System.out.println("infra    ready");
    }

    private void startPostgres() throws Exception {
        Path data = settings.dir().resolve("postgres");
        // zonky's other defaults stay: timezone UTC, synchronous_commit off (a crash may lose the last commits,
        // never corrupts the data)
        EmbeddedPostgres postgres = EmbeddedServers.postgres(settings.postgresPort(), data, logs.resolve("postgres.log"))
                .setServerConfig("max_connections", "300")
                .setCleanDataDirectory(false) // zonky deletes the data directory on close by default
                .setRegisterShutdownHook(false) // close() stops it, after the services' brokers
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        // pg_ctl starts the server detached: its pid is the first line of postmaster.pid
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        register("postgres", pid, postgres::close);
        provision();
        ready("postgres", "PostgreSQL 17 on " + BindAddress.get() + ":" + settings.postgresPort() + ", data " + data);
    }

    /** Creates the role, the databases and their pg_stat_statements extension where missing. */
    private void provision() throws SQLException {
        String server = "jdbc:postgresql://" + BindAddress.connect() + ":" + settings.postgresPort() + "/";
        // the embedded server trusts local connections; an external one needs the superuser's password
        try (Connection admin = DriverManager.getConnection(server + "postgres", settings.adminUser(),
                settings.adminPassword()); Statement sql = admin.createStatement()) {
            try (ResultSet role = sql.executeQuery("select 1 from pg_roles where rolname = '" + ROLE + "'")) {
                if (!role.next()) {
                    sql.execute("create role " + ROLE + " login password '" + ROLE + "'");
                }
            }
            for (String database : DATABASES) {
                EmbeddedServers.createDatabaseIfMissing(admin, database, ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot provision PostgreSQL on port " + settings.postgresPort() + " as "
                    + settings.adminUser() + " (AIRSTAY_PG_ADMIN_USER, AIRSTAY_PG_ADMIN_PASSWORD): " + e.getMessage(), e);
        }
        for (String database : DATABASES) {
            try (Connection connection = DriverManager.getConnection(server + database, settings.adminUser(),
                    settings.adminPassword()); Statement sql = connection.createStatement()) {
                sql.execute("create extension if not exists pg_stat_statements");
            }
        }
    }

    private void startRedis() throws Exception {
        Path dir = Files.createDirectories(settings.dir().resolve("redis"));
        File binary = EmbeddedServers.redisBinary(dir);
        Process redis = EmbeddedServers.startRedis(binary, settings.redisPort(), dir, logs.resolve("redis.log"), true);
        register("redis", redis.pid(), () -> stop(redis, 30)); // saves its snapshot on SIGTERM
        ready("redis", "redis://" + BindAddress.get() + ":" + settings.redisPort() + " (" + binary + "), data " + dir);
    }

    private void startKafka() throws Exception {
        Path dir = settings.dir().resolve("kafka");
        Process kafka = EmbeddedServers.startKafka(settings.kafkaPort(), dir, logs.resolve("kafka.log"));
        register("kafka", kafka.pid(), () -> stop(kafka, 60));
        ready("kafka", "KRaft broker on " + BindAddress.get() + ":" + settings.kafkaPort() + ", data " + dir);
    }

    /** Records a started server for {@link #close()}; if the stack is already closing, stops it right away. */
    private synchronized void register(String name, long pid, Stop stop) throws Exception {
        if (closed) {
            stop.run();
            throw new IllegalStateException("stopped while starting");
        }
        started.addLast(new Server(name, pid, stop));
    }

    /** Stops the servers it started, last started first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(settings.dir().resolve(READY_FILE));
        } catch (IOException e) {
            System.err.println("could not delete " + READY_FILE + ": " + e);
        }
        while (!started.isEmpty()) {
            Server server = started.pollLast();
            try {
                server.stop().run();
                System.out.printf("%-8s stopped%n", server.name());
            } catch (Exception e) {
                System.err.printf("%-8s did not stop cleanly: %s%n", server.name(), e);
            }
        }
    }

    /** SIGTERM, then SIGKILL after {@code seconds}. */
    private static void stop(Process process, int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static void ready(String name, String detail) {
        System.out.printf("%-8s ready    %s%n", name, detail);
    }

    private static void requireFree(int port, String server, String variable) {
        if (listens(port)) {
            throw new IllegalStateException("port " + port + " for " + server + " is taken by another process;"
                    + " stop it or choose another port with " + variable + ".");
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(BindAddress.connect()), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
