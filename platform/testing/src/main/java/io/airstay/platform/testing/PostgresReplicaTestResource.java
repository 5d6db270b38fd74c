package io.airstay.platform.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 primary and a streaming replica of it, as {@code ./airstay up} runs them: one pair per JVM, stopped
 * at JVM exit, with the settings of {@link PostgresTestResource}. Embedded binaries even when Docker is available: the
 * replica is copied from the primary's data directory ({@link EmbeddedServers#makeReplica}).
 * <p>
 * Configures the default datasource on the primary and the {@code read} datasource on the replica, then the primary
 * ({@code jdbc:postgresql://replica,primary/database}), as {@code ./airstay} does for search-service. Init arg
 * {@code database} (default {@code airstay}) is created on the primary and reaches the replica by streaming. Tests can
 * freeze the replica and let it go on ({@link #freezeReplica()}), or crash it ({@link #crashReplica()}): it stays down.
 */
public class PostgresReplicaTestResource extends PostgresTestResource {

    // JVM-wide state in system properties, see ServerSupport.once
    private static final String PORTS = "airstay.test.postgres-replica.ports";
    private static final String REPLICA_DATA = "airstay.test.postgres-replica.data";

    @Override
    public Map<String, String> start() {
        ServerSupport.once(PORTS, PostgresReplicaTestResource::startPair);
        String host = BindAddress.connect();
        createDatabaseIfMissing("jdbc:postgresql://" + host + ":" + primaryPort() + "/");
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + primaryPort() + "/" + database,
                "quarkus.datasource.username", PostgresTestResource.USERNAME,
                "quarkus.datasource.password", PostgresTestResource.PASSWORD,
                "quarkus.datasource.read.jdbc.url", "jdbc:postgresql://" + host + ":" + replicaPort() + "," + host + ":"
                        + primaryPort() + "/" + database);
    }

    public static int primaryPort() {
        return Integer.parseInt(System.getProperty(PORTS).split(" ")[0]);
    }

    public static int replicaPort() {
        return Integer.parseInt(System.getProperty(PORTS).split(" ")[1]);
    }

    /** A superuser's connection to the server on {@code port} (either of the pair; the embedded servers trust it). */
    public static Connection superuser(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + BindAddress.connect() + ":" + port + "/postgres",
                PostgresTestResource.USERNAME, PostgresTestResource.PASSWORD);
    }

    /**
     * Kills the replica's postmaster and every process of it (SIGKILL), as a crash of its machine would, and returns
     * once it refuses connections.
     */
    public static void crashReplica() throws Exception {
        replicaProcesses().forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ServerSupport.accepts(BindAddress.connect(), replicaPort())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica still accepts connections");
            }
            Thread.sleep(1);
        }
    }

    /**
     * Stops every process of the replica (SIGSTOP), as a hung machine or a cut network would: its port still takes
     * connections, nothing answers on them. {@link #thawReplica()} lets it go on.
     */
    public static void freezeReplica() throws Exception {
        signalReplica("STOP");
    }

    public static void thawReplica() throws Exception {
        signalReplica("CONT");
    }

    private static void signalReplica(String signal) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        replicaProcesses().forEach(process -> command.add(Long.toString(process.pid())));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static List<ProcessHandle> replicaProcesses() throws IOException {
        ProcessHandle postmaster = EmbeddedServers.postmaster(Path.of(System.getProperty(REPLICA_DATA)));
        return Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
    }

    private static String startPair() throws Exception {
        int[] ports = FreePorts.distinct(2);
        Path primaryDir = ServerSupport.workDir("embedded-pg-replica");
        EmbeddedPostgres primary = configure(EmbeddedServers.postgres(ports[0], primaryDir.resolve("data"),
                primaryDir.resolve("postgres.log"))).start();
        ServerSupport.recordServer(primaryDir, EmbeddedServers.postmaster(primaryDir.resolve("data")));

        Path replicaDir = ServerSupport.workDir("embedded-pg-replica");
        Path replicaData = replicaDir.resolve("data");
        try (Connection superuser = superuser(primary.getPort())) {
            EmbeddedServers.makeReplica(superuser, primaryDir.resolve("data"), primary.getPort(), replicaData);
        }
        configure(EmbeddedServers.replica(ports[1], replicaData, replicaDir.resolve("postgres.log"))).start();
        ServerSupport.recordServer(replicaDir, EmbeddedServers.postmaster(replicaData));
        System.setProperty(REPLICA_DATA, replicaData.toString());
        return ports[0] + " " + ports[1];
    }

    /** {@link PostgresTestResource}'s settings; a shutdown hook stops the server and deletes its data. */
    private static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
        PostgresTestResource.SETTINGS.forEach(builder::setServerConfig);
        return builder;
    }
}
