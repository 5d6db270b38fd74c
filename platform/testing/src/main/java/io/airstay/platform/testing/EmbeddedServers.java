package io.airstay.platform.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.core.ExecutableProvider;

/**
 * The embedded PostgreSQL, Redis and Kafka servers, one implementation for the test resources and the local stack
 * ({@code deploy/local-stack}). Callers choose ports (0: any free port), directories and whether data survives. Every
 * server listens on {@link BindAddress#get()} only (127.0.0.1 unless {@code AIRSTAY_BIND_ADDRESS} says otherwise).
 */
public final class EmbeddedServers {

    // zonky logs every startup step at INFO; keep a reference so the level is not lost with the logger
    private static final Logger ZONKY_LOG = Logger.getLogger("io.zonky.test.db.postgres");

    private EmbeddedServers() {
    }

    /**
     * A PostgreSQL 17 (embedded binaries) with {@code pg_stat_statements} preloaded, on {@code port} of the
     * {@link BindAddress}, its data in {@code dataDir} (initialised on first use), its output appended to {@code log}.
     * Settings, data cleanup and shutdown hook are the caller's to adjust before {@code start()}: by default the data
     * directory is deleted when the server stops, and a shutdown hook stops it.
     */
    public static EmbeddedPostgres.Builder postgres(int port, Path dataDir, Path log) {
        ZONKY_LOG.setLevel(Level.WARNING);
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("listen_addresses", postgresListenAddresses(BindAddress.get()))
                .setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }

    /**
     * PostgreSQL's listen_addresses for {@code bind}: its default, "localhost", would also listen on ::1; zonky checks
     * the server through localhost, so another machine's address comes with 127.0.0.1.
     */
    static String postgresListenAddresses(String bind) {
        return BindAddress.isLoopback(bind) || bind.equals("0.0.0.0") ? bind : BindAddress.LOOPBACK + "," + bind;
    }

    /** Creates database {@code name} owned by {@code owner} unless it exists; {@code superuser} may create databases. */
    public static void createDatabaseIfMissing(Connection superuser, String name, String owner) throws SQLException {
        try (PreparedStatement exists = superuser.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (Statement create = superuser.createStatement()) {
                    create.execute("create database " + quote(name) + " owner " + quote(owner));
                }
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code redis-server} from the PATH, else the binary bundled in embedded-redis, extracted into {@code dir}. */
    public static File redisBinary(Path dir) throws IOException {
        Optional<File> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(entry -> new File(entry, "redis-server"))
                .filter(File::canExecute)
                .findFirst();
        return onPath.isPresent() ? onPath.get() : ExecutableProvider.newJarResourceProvider(dir.toFile()).get();
    }

    /**
     * Starts {@code binary} on {@link BindAddress}:{@code port} with its working files in {@code dir} and its output
     * appended to {@code log}, and waits until it accepts connections. {@code persistent}: snapshots to
     * {@code dir/dump.rdb} at Redis' default save points and on shutdown (SIGTERM), and loads it at start; otherwise
     * keeps nothing. It has no password: protected mode (only local clients) stays on unless the bind address is
     * another machine's way in, which {@code AIRSTAY_BIND_ADDRESS} must then have said explicitly.
     */
    public static Process startRedis(File binary, int port, Path dir, Path log, boolean persistent) throws Exception {
        String bind = BindAddress.get();
        List<String> command = new ArrayList<>(List.of(binary.getPath(),
                "--port", Integer.toString(port), "--bind", bind,
                "--protected-mode", BindAddress.isLoopback(bind) ? "yes" : "no",
                "--dir", dir.toString(), "--appendonly", "no"));
        if (!persistent) {
            command.addAll(List.of("--save", ""));
        }
        Process redis = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            ServerSupport.awaitPort(BindAddress.connect(), port, redis.toHandle(), log);
        } catch (Exception e) {
            redis.destroyForcibly();
            throw e;
        }
        return redis;
    }

    /**
     * Starts a {@link KafkaBroker} on {@link BindAddress}:{@code port} in a child JVM with this JVM's class path, its
     * data in {@code dir} (formatted on first use), its output appended to {@code log}, and waits until it serves
     * clients. The broker exits with this JVM, even when this JVM is killed; SIGTERM shuts it down cleanly.
     */
    public static Process startKafka(int port, Path dir, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small initial heap that grows as needed: the default commits 1/64 of the machine's memory at once
                "-Xms32m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-D" + KafkaBroker.EXIT_WITH_PARENT + "=true",
                // the SLF4J provider on this class path logs to JBoss LogManager, which must then be JUL's manager
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                KafkaBroker.class.getName(), Integer.toString(port), dir.toString(), BindAddress.get())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Files.deleteIfExists(dir.resolve(KafkaBroker.READY_FILE)); // left by an earlier broker in a kept directory
        Process broker = builder.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(dir.resolve(KafkaBroker.READY_FILE))) {
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                broker.destroyForcibly();
                throw new IllegalStateException("Kafka broker did not start:\n" + ServerSupport.tail(log));
            }
            Thread.sleep(100);
        }
        return broker;
    }
}
