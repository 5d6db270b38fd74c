package io.airstay.platform.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.stream.Collectors;

import org.testcontainers.postgresql.PostgreSQLContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 (embedded binaries, or {@code postgres:17-alpine} when Docker is available) with
 * {@code pg_stat_statements} preloaded. One server per JVM, stopped at JVM exit; each {@link #start()} creates
 * the database named by init arg {@code database} (default {@code airstay}) if it does not exist yet.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    static final Map<String, String> SETTINGS = Map.of(
            "shared_preload_libraries", "pg_stat_statements",
            "max_connections", "200",
            // durability is pointless for a throw-away test database
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off");

    String database = "airstay";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String address = ServerSupport.once("airstay.test.postgres.address",
                () -> ServerSupport.useContainers() ? startContainer() : startEmbedded());
        String url = "jdbc:postgresql://" + address + "/";
        createDatabaseIfMissing(url);
        return Map.of(
                "quarkus.datasource.jdbc.url", url + database,
                "quarkus.datasource.username", USERNAME,
                "quarkus.datasource.password", PASSWORD);
    }

    /** Keeps the server: Quarkus calls this whenever a test restarts the application, and it is reused. */
    @Override
    public void stop() {
    }

    private static String startEmbedded() throws Exception {
        Path dir = ServerSupport.workDir("embedded-pg");
        EmbeddedPostgres.Builder builder = EmbeddedServers.postgres(0, dir.resolve("data"), dir.resolve("postgres.log"));
        SETTINGS.forEach(builder::setServerConfig);
        // registers its own shutdown hook that stops the server and deletes the data directory
        EmbeddedPostgres postgres = builder.start();
        return BindAddress.connect() + ":" + postgres.getPort();
    }

    private static String startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                .withUsername(USERNAME)
                .withPassword(PASSWORD)
                .withCommand("postgres " + SETTINGS.entrySet().stream()
                        .map(setting -> "-c " + setting.getKey() + "=" + setting.getValue())
                        .collect(Collectors.joining(" ")));
        container.start(); // removed at JVM exit by Testcontainers
        return container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    /** Creates the database on the server at {@code serverUrl} ({@code jdbc:postgresql://host:port/}). */
    void createDatabaseIfMissing(String serverUrl) {
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", USERNAME, PASSWORD)) {
            EmbeddedServers.createDatabaseIfMissing(connection, database, USERNAME);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }
}
