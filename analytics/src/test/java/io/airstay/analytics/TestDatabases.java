package io.airstay.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.airstay.platform.testing.BindAddress;
import io.airstay.platform.testing.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL 17 per test JVM with a database per service, each migrated by the service's own Flyway
 * scripts (read from the service module), as the job finds them in the running platform.
 */
final class TestDatabases {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    static final List<String> SERVICES = List.of("search", "availability", "booking", "review");
    private static final Map<String, List<String>> DATA_TABLES = Map.of(
            "search", List.of("silver.properties", "silver.listing_views_daily", "silver.search_requests_daily",
                    "gold.runs", "gold.listing_month_stats", "gold.city_month_stats", "gold.popular_listings",
                    "gold.popular_searches"),
            "availability", List.of("silver.availability_calendar"),
            "booking", List.of("silver.bookings"),
            "review", List.of("silver.reviews"));

    private static TestDatabases instance;

    private final String server;

    private TestDatabases(String server) {
        this.server = server;
    }

    static synchronized TestDatabases get() throws Exception {
        if (instance == null) {
            Path dir = Files.createDirectories(Path.of("target", "embedded-pg")).toAbsolutePath();
            // stopped, its data directory deleted, by zonky's shutdown hook
            EmbeddedPostgres postgres = EmbeddedServers.postgres(0, dir.resolve("data-" + ProcessHandle.current().pid()),
                    dir.resolve("postgres.log")).start();
            instance = new TestDatabases("jdbc:postgresql://" + BindAddress.connect() + ":" + postgres.getPort() + "/");
            for (String service : SERVICES) {
                instance.create(service);
            }
        }
        return instance;
    }

    String url(String service) {
        return server + "airstay_" + service;
    }

    String serverUrl() {
        return server;
    }

    Connection connect(String service) throws SQLException {
        return DriverManager.getConnection(url(service), USER, PASSWORD);
    }

    /** The job's environment against these databases, writing Parquet to {@code output}. */
    Map<String, String> env(Path output) {
        return Map.of(
                "AIRSTAY_ANALYTICS_SEARCH_URL", url("search"),
                "AIRSTAY_ANALYTICS_AVAILABILITY_URL", url("availability"),
                "AIRSTAY_ANALYTICS_BOOKING_URL", url("booking"),
                "AIRSTAY_ANALYTICS_REVIEW_URL", url("review"),
                "AIRSTAY_ANALYTICS_DB_USER", USER,
                "AIRSTAY_ANALYTICS_DB_PASSWORD", PASSWORD,
                "AIRSTAY_ANALYTICS_OUTPUT", output.toString());
    }

    /** Empties every table the job reads or writes. */
    void clear() throws SQLException {
        for (String service : SERVICES) {
            try (Connection connection = connect(service); Statement sql = connection.createStatement()) {
                sql.execute("truncate " + String.join(", ", DATA_TABLES.get(service)) + " restart identity");
            }
        }
    }

    private void create(String service) throws SQLException, IOException {
        try (Connection postgres = DriverManager.getConnection(server + "postgres", USER, PASSWORD)) {
            EmbeddedServers.createDatabaseIfMissing(postgres, "airstay_" + service, USER);
        }
        Path migrations = Path.of("..", service + "-service", "src", "main", "resources", "db", "migration");
        try (Connection connection = connect(service); Statement sql = connection.createStatement();
                Stream<Path> scripts = Files.list(migrations)) {
            sql.execute("create schema if not exists silver");
            for (Path script : scripts.sorted(TestDatabases::byVersion).toList()) {
                sql.execute(read(script));
            }
        }
    }

    /** Flyway's order: V2 before V10. */
    private static int byVersion(Path a, Path b) {
        return Integer.compare(version(a), version(b));
    }

    private static int version(Path script) {
        String name = script.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static String read(Path script) {
        try {
            return Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
