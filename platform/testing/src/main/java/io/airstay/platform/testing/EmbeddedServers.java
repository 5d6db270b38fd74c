package io.airstay.platform.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    /** The physical replication slot that the replica {@link #makeReplica} makes streams through. */
    public static final String REPLICA_SLOT = "airstay_replica";
    /** Entries of the data directory a base backup leaves out (postmaster.pid: the copy's server is another). */
    private static final Set<String> BACKUP_LEAVES_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "standby.signal", "recovery.signal");
    private static final String DROP_REPLICA_SLOT = "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
            + " where slot_name = '" + REPLICA_SLOT + "'";
    /** Directories a base backup copies empty. */
    private static final Set<String> BACKUP_LEAVES_CONTENTS_OUT = Set.of("pg_wal", "pg_replslot", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

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
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // a primary that a replica can stream from (PostgreSQL's defaults, stated), which keeps at most 1 GB of
                // WAL for a replica that stays away: past that its slot is lost and the replica is made anew
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_slot_wal_keep_size", "1GB");
    }

    /** The postmaster of the server running in {@code dataDir}: pg_ctl starts it detached, its pid in postmaster.pid. */
    public static ProcessHandle postmaster(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid + " for " + dataDir));
    }

    /**
     * A hot standby of the primary that {@link #makeReplica} copied into {@code dataDir}, on {@code port} of the
     * {@link BindAddress}; as {@link #postgres}, with the same binaries. Its settings must include the primary's
     * {@code max_connections} (a hot standby needs at least as many). It tells the primary which rows its queries
     * still read ({@code hot_standby_feedback}), so that replaying a vacuum never cancels a query. Its data directory
     * is kept when it stops (zonky would otherwise run initdb over the copy, and delete it at close).
     */
    public static EmbeddedPostgres.Builder replica(int port, Path dataDir, Path log) {
        return postgres(port, dataDir, log)
                .setCleanDataDirectory(false)
                .setServerConfig("hot_standby", "on")
                .setServerConfig("hot_standby_feedback", "on");
    }

    /**
     * Makes {@code replicaData} a standby of the running primary whose data directory is {@code primaryData}, reached
     * as superuser through {@code primary} (port {@code primaryPort}), as PostgreSQL's low-level base backup does
     * (the embedded binaries have no pg_basebackup): a physical replication slot {@value #REPLICA_SLOT} made anew keeps
     * the WAL from here on; between pg_backup_start and pg_backup_stop, on the same connection, the data directory is
     * copied without what a backup leaves out (the WAL, slots, runtime and temporary files); the backup label goes into
     * the copy, then standby.signal and the connection to the primary. initdb's pg_hba.conf trusts replication
     * connections from 127.0.0.1, where the primary listens unless it is bound to another loopback address.
     */
    public static void makeReplica(Connection primary, Path primaryData, int primaryPort, Path replicaData)
            throws SQLException, IOException {
        ServerSupport.deleteTree(replicaData);
        try (Statement sql = primary.createStatement()) {
            sql.execute(DROP_REPLICA_SLOT);
            sql.execute("select pg_create_physical_replication_slot('" + REPLICA_SLOT + "', true)");
            sql.execute("select pg_backup_start('airstay-replica', true)");
            copyForBackup(primaryData, replicaData);
            // no WAL archive to wait for: the slot keeps what the replica needs until it has streamed it
            try (ResultSet stop = sql.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(replicaData.resolve("backup_label"), stop.getString("labelfile"));
                String tablespaces = stop.getString("spcmapfile");
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(replicaData.resolve("tablespace_map"), tablespaces);
                }
            }
        }
        String bind = BindAddress.connect();
        String host = BindAddress.isLoopback(bind) ? bind : BindAddress.LOOPBACK;
        Files.writeString(replicaData.resolve("standby.signal"), "");
        Files.writeString(replicaData.resolve("postgresql.auto.conf"), """
                primary_conninfo = 'host=%s port=%d user=postgres application_name=airstay-replica'
                primary_slot_name = '%s'
                """.formatted(host, primaryPort, REPLICA_SLOT), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Whether {@code replicaData} holds a standby that can still follow the primary at {@code primaryData}: it is a
     * copy of the same cluster (pg_control starts with the cluster's system identifier), has not been promoted, and
     * its slot on the primary still holds the WAL it needs.
     */
    public static boolean isReplicaOf(Connection primary, Path primaryData, Path replicaData)
            throws SQLException, IOException {
        Path control = Path.of("global", "pg_control");
        if (!Files.exists(replicaData.resolve("standby.signal")) || !Files.exists(replicaData.resolve(control))) {
            return false;
        }
        if (!Arrays.equals(systemIdentifier(primaryData.resolve(control)), systemIdentifier(replicaData.resolve(control)))) {
            return false;
        }
        try (PreparedStatement slot = primary.prepareStatement(
                "select 1 from pg_replication_slots where slot_name = ? and wal_status <> 'lost'")) {
            slot.setString(1, REPLICA_SLOT);
            return slot.executeQuery().next();
        }
    }

    private static byte[] systemIdentifier(Path pgControl) throws IOException {
        try (InputStream control = Files.newInputStream(pgControl)) {
            return control.readNBytes(Long.BYTES);
        }
    }

    /** What a base backup leaves out (PostgreSQL docs, "Backing Up the Data Directory"), plus zonky's lock file. */
    private static boolean leftOutOfBackup(Path relative) {
        String name = relative.getFileName().toString();
        if (relative.getNameCount() == 1 && BACKUP_LEAVES_OUT.contains(name)) {
            return true;
        }
        return name.startsWith("pgsql_tmp") || name.equals("pg_internal.init")
                || relative.getNameCount() == 2 && BACKUP_LEAVES_CONTENTS_OUT.contains(relative.getName(0).toString());
    }

    /** Copies files and directories with their permissions: PostgreSQL accepts only a data directory of its owner's. */
    private static void copyForBackup(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(dir);
                if (!relative.toString().isEmpty() && leftOutOfBackup(relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.copy(dir, to.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES); // the directory only
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(file);
                if (!leftOutOfBackup(relative)) {
                    try {
                        Files.copy(file, to.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES,
                                LinkOption.NOFOLLOW_LINKS);
                    } catch (NoSuchFileException dropped) {
                        // removed while copying (a dropped table, a temporary file): the WAL replay removes it too
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /**
     * Removes the replica that {@link #makeReplica} made: its slot on the primary, which would otherwise keep WAL for
     * it, and its data directory. The replica must be stopped.
     */
    public static void dropReplica(Connection primary, Path replicaData) throws SQLException, IOException {
        try (Statement sql = primary.createStatement()) {
            sql.execute(DROP_REPLICA_SLOT);
        }
        ServerSupport.deleteTree(replicaData);
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
