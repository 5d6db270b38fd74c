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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * It supervises what it started the way a kubelet does: a server that exits (crashed, killed) is started again at
 * once, with the data it kept, and {@value #READY_FILE} is rewritten with the new pid. A server whose name is a file
 * in {@value #HELD_DIR}/ stays down until that file goes: {@code ./airstay kill kafka} holds and crashes it,
 * {@code ./airstay restart kafka} releases it.
 * <p>
 * PostgreSQL has a streaming replica ({@value #REPLICA}), which search-service's read datasource reads: made once per
 * data directory by a base backup of the primary ({@link EmbeddedServers#makeReplica}), started again as it is on
 * later runs, made anew when the primary is another cluster or its slot lost the WAL the replica needed.
 * <p>
 * Usage: {@code LocalStack [dir]}, dir defaulting to {@code deploy/.local}. Environment: {@code AIRSTAY_PG_PORT}
 * (5432), {@code AIRSTAY_PG_REPLICA_PORT} (5442), {@code AIRSTAY_REDIS_PORT} (6379), {@code AIRSTAY_KAFKA_PORT}
 * (9092); {@code AIRSTAY_BIND_ADDRESS} (127.0.0.1: the address every server listens on, {@link BindAddress});
 * {@code AIRSTAY_PG_REPLICA=0} runs no replica (and drops one made earlier); {@code AIRSTAY_PG_EXTERNAL=true} uses
 * a PostgreSQL that already listens on the port, without a replica, provisioned as superuser
 * {@code AIRSTAY_PG_ADMIN_USER} ({@code postgres}) with password {@code AIRSTAY_PG_ADMIN_PASSWORD} (empty).
 */
public final class LocalStack implements AutoCloseable {

    /** The services' databases, each owned by {@link #ROLE}. */
    static final List<String> DATABASES = List.of(
            "airstay_search", "airstay_booking", "airstay_review", "airstay_availability");
    /** The services' login role; its password is its name. */
    static final String ROLE = "airstay";
    /** Written in the directory once everything serves: one line "name pid" per server process started. */
    static final String READY_FILE = "infra.ready";
    /** A server named by a file in this directory is not started again when it exits. */
    static final String HELD_DIR = "held";
    static final Duration SUPERVISION_INTERVAL = Duration.ofMillis(200);
    static final String JWT_KEYS = "jwt";
    /** The replica's server name, and its data directory's. */
    static final String REPLICA = "postgres-replica";

    /** {@code replicaPort}: the replica's, 0 for none. */
    record Settings(Path dir, int postgresPort, int replicaPort, int redisPort, int kafkaPort,
            boolean postgresExternal, String adminUser, String adminPassword) {

        static Settings fromEnvironment(Path dir) {
            Map<String, String> env = System.getenv();
            boolean external = Boolean.parseBoolean(env.get("AIRSTAY_PG_EXTERNAL"));
            boolean replica = !external && !Set.of("0", "false").contains(env.getOrDefault("AIRSTAY_PG_REPLICA", "1"));
            return new Settings(dir.toAbsolutePath(),
                    Integer.parseInt(env.getOrDefault("AIRSTAY_PG_PORT", "5432")),
                    replica ? Integer.parseInt(env.getOrDefault("AIRSTAY_PG_REPLICA_PORT", "5442")) : 0,
                    Integer.parseInt(env.getOrDefault("AIRSTAY_REDIS_PORT", "6379")),
                    Integer.parseInt(env.getOrDefault("AIRSTAY_KAFKA_PORT", "9092")),
                    external,
                    env.getOrDefault("AIRSTAY_PG_ADMIN_USER", "postgres"),
                    env.getOrDefault("AIRSTAY_PG_ADMIN_PASSWORD", ""));
        }

        boolean replica() {
            return replicaPort != 0;
        }
    }

    private interface Stop {
        void run() throws Exception;
    }

    private interface Start {
        Server run() throws Exception;
    }

    /** A running server: how to stop it, and how to start it again when it exits. */
    private record Server(String name, ProcessHandle process, Stop stop, Start start) {
    }

    private final Settings settings;
    private final Path logs;
    /** The servers it started, by name, in the order they started. */
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> reportedHeld = new HashSet<>();
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
     * Starts PostgreSQL and its replica (unless an external one is to be used), Redis and Kafka, creates the development key pair
     * that signs bearer tokens (kept in the data directory, never in the repository), then writes the ready file.
     */
    void start() throws Exception {
        Files.createDirectories(logs);
        Files.deleteIfExists(settings.dir().resolve(READY_FILE));

        boolean postgresListens = listens(settings.postgresPort());
        if (postgresListens && !settings.postgresExternal()) {
            throw new IllegalStateException("port " + settings.postgresPort() + " is taken: a PostgreSQL already runs"
                    + " there? Set AIRSTAY_PG_EXTERNAL=true to use it (a superuser creates the role and databases:"
                    + " AIRSTAY_PG_ADMIN_USER, AIRSTAY_PG_ADMIN_PASSWORD), or AIRSTAY_PG_PORT to run ours elsewhere.");
        }
        if (settings.replica()) {
            requireFree(settings.replicaPort(), "the PostgreSQL replica", "AIRSTAY_PG_REPLICA_PORT");
        }
        requireFree(settings.redisPort(), "Redis", "AIRSTAY_REDIS_PORT");
        requireFree(settings.kafkaPort(), "Kafka", "AIRSTAY_KAFKA_PORT");

        if (postgresListens) {
            provision();
            ready("postgres", "the PostgreSQL already on port " + settings.postgresPort() + " (AIRSTAY_PG_EXTERNAL)");
        } else {
            startPostgres();
        }
        register(startRedis());
        register(startKafka());
        TokenIssuer.inDirectory(settings.dir().resolve(JWT_KEYS));

        writeReadyFile();
        System.out.println("infra    ready");
        long interval = SUPERVISION_INTERVAL.toMillis();
        supervisor.scheduleWithFixedDelay(this::supervise, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Starts again every server that exited, unless it is held. */
    private synchronized void supervise() {
        for (Server server : List.copyOf(servers.values())) {
            if (closed || server.process().isAlive()) {
                continue;
            }
            String name = server.name();
            if (Files.exists(settings.dir().resolve(HELD_DIR).resolve(name))) {
                if (reportedHeld.add(name)) {
                    System.out.printf("%-8s exited, held: stays down until %s/%s is removed%n", name, HELD_DIR, name);
                }
                continue;
            }
            reportedHeld.remove(name);
            System.out.printf("%-8s exited: starting it again%n", name);
            try {
                server.stop().run(); // releases what the dead process still held (PostgreSQL's data directory lock)
                Server again = server.start().run();
                servers.put(name, again);
                writeReadyFile();
                System.out.printf("%-8s running again, pid %d%n", name, again.process().pid());
            } catch (Exception e) {
                System.err.printf("%-8s did not start again (next try in %d ms): %s%n", name,
                        SUPERVISION_INTERVAL.toMillis(), e);
            }
        }
    }

    private void writeReadyFile() throws IOException {
        String pids = servers.values().stream().map(server -> server.name() + " " + server.process().pid() + "\n")
                .collect(Collectors.joining());
        Path tmp = Files.writeString(settings.dir().resolve(READY_FILE + ".tmp"), pids);
        Files.move(tmp, settings.dir().resolve(READY_FILE), StandardCopyOption.ATOMIC_MOVE); // never half a file
    }

    private void startPostgres() throws Exception {
        register(postgres());
        provision();
        ready("postgres", "PostgreSQL 17 on " + BindAddress.get() + ":" + settings.postgresPort() + ", data "
                + primaryData());
        if (settings.replica()) {
            register(replica());
        } else {
            try (Connection primary = superuser()) {
                EmbeddedServers.dropReplica(primary, replicaData());
            }
        }
    }

    private Server postgres() throws Exception {
        Path data = primaryData();
        // zonky turns synchronous_commit off; on, a commit is in the WAL before the client hears of it, so a crashed
        // or immediately stopped server loses no booking it confirmed (a WAL flush costs about 0.5 ms here)
        EmbeddedPostgres postgres = start(EmbeddedServers.postgres(settings.postgresPort(), data, logs.resolve("postgres.log"))
                .setServerConfig("synchronous_commit", "on"));
        return new Server("postgres", EmbeddedServers.postmaster(data), postgres::close, this::postgres);
    }

    /** The replica: the one in its data directory if it can still follow the primary, else a new base backup. */
    private Server replica() throws Exception {
        Path data = replicaData();
        try (Connection primary = superuser()) {
            if (!EmbeddedServers.isReplicaOf(primary, primaryData(), data)) {
                System.out.printf("%-8s copying the primary (base backup) into %s%n", REPLICA, data);
                EmbeddedServers.makeReplica(primary, primaryData(), settings.postgresPort(), data);
            }
        }
        EmbeddedPostgres replica = start(EmbeddedServers.replica(settings.replicaPort(), data, logs.resolve(REPLICA + ".log")));
        ready(REPLICA, "streaming replica of port " + settings.postgresPort() + " on " + BindAddress.get() + ":"
                + settings.replicaPort() + " (search-service's reads), data " + data);
        return new Server(REPLICA, EmbeddedServers.postmaster(data), replica::close, this::replica);
    }

    /** Starts a server of ours: the replica needs the primary's max_connections (a hot standby needs as many). */
    private static EmbeddedPostgres start(EmbeddedPostgres.Builder postgres) throws IOException {
        return postgres.setServerConfig("max_connections", "300")
                .setCleanDataDirectory(false) // zonky deletes the data directory on close by default
                .setRegisterShutdownHook(false) // close() stops it, after the services' brokers
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    private Path primaryData() {
        return settings.dir().resolve("postgres");
    }

    private Path replicaData() {
        return settings.dir().resolve(REPLICA);
    }

    /** The embedded server trusts local connections; an external one needs the superuser's password. */
    private Connection superuser() throws SQLException {
        return superuser("postgres");
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + BindAddress.connect() + ":" + settings.postgresPort()
                + "/" + database, settings.adminUser(), settings.adminPassword());
    }

    /** Creates the role, the databases and their pg_stat_statements extension where missing. */
    private void provision() throws SQLException {
        try (Connection admin = superuser(); Statement sql = admin.createStatement()) {
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
            try (Connection connection = superuser(database); Statement sql = connection.createStatement()) {
                sql.execute("create extension if not exists pg_stat_statements");
            }
        }
    }

    private Server startRedis() throws Exception {
        Path dir = Files.createDirectories(settings.dir().resolve("redis"));
        File binary = EmbeddedServers.redisBinary(dir);
        Process redis = EmbeddedServers.startRedis(binary, settings.redisPort(), dir, logs.resolve("redis.log"), true);
        ready("redis", "redis://" + BindAddress.get() + ":" + settings.redisPort() + " (" + binary + "), data " + dir);
        // saves its snapshot on SIGTERM
        return new Server("redis", redis.toHandle(), () -> stop(redis, 30), this::startRedis);
    }

    private Server startKafka() throws Exception {
        Path dir = settings.dir().resolve("kafka");
        Process kafka = EmbeddedServers.startKafka(settings.kafkaPort(), dir, logs.resolve("kafka.log"));
        ready("kafka", "KRaft broker on " + BindAddress.get() + ":" + settings.kafkaPort() + ", data " + dir);
        return new Server("kafka", kafka.toHandle(), () -> stop(kafka, 60), this::startKafka);
    }

    /** Records a started server for {@link #close()}; if the stack is already closing, stops it right away. */
    private synchronized void register(Server server) throws Exception {
        if (closed) {
            server.stop().run();
            throw new IllegalStateException("stopped while starting");
        }
        servers.put(server.name(), server);
    }

    /** Stops the servers it started, last started first. */
    @Override
    public void close() {
        supervisor.shutdownNow(); // outside the lock: a restart under way holds it until it is done
        synchronized (this) {
            stopAll();
        }
    }

    private void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(settings.dir().resolve(READY_FILE));
        } catch (IOException e) {
            System.err.println("could not delete " + READY_FILE + ": " + e);
        }
        List<Server> started = new ArrayList<>(servers.values());
        Collections.reverse(started);
        for (Server server : started) {
            try {
                server.stop().run();
                System.out.printf("%-8s stopped%n", server.name());
            } catch (Exception e) {
                System.err.printf("%-8s did not stop cleanly: %s%n", server.name(), e);
            }
        }
        servers.clear();
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
