package io.airstay.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.EmbeddedServers;

/**
 * The job's gold.listing_month_stats against the same numbers computed by one SQL query in PostgreSQL, which reaches
 * the services' databases through postgres_fdw from a database of its own.
 */
class CrossCheckTest {

    private static final String CHECK_DATABASE = "airstay_check";

    private static TestDatabases databases;
    private static SparkSession spark;
    private static String query;

    @BeforeAll
    static void start() throws Exception {
        databases = TestDatabases.get();
        spark = TestSpark.session();
        try (InputStream sql = CrossCheckTest.class.getResourceAsStream("listing_month_stats.sql")) {
            query = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection postgres = DriverManager.getConnection(databases.serverUrl() + "postgres",
                TestDatabases.USER, TestDatabases.PASSWORD)) {
            EmbeddedServers.createDatabaseIfMissing(postgres, CHECK_DATABASE, TestDatabases.USER);
        }
        try (Connection check = check()) {
            TestData.execute(check, "create extension if not exists postgres_fdw");
            String port = databases.serverUrl().replaceAll(".*:(\\d+)/$", "$1");
            for (String service : TestDatabases.SERVICES) {
                TestData.execute(check, """
                        create server if not exists %1$s_db foreign data wrapper postgres_fdw
                          options (host '127.0.0.1', port '%2$s', dbname 'airstay_%1$s');
                        create user mapping if not exists for current_user server %1$s_db
                          options (user '%3$s', password '%4$s');
                        create schema if not exists %1$s;
                        import foreign schema silver from server %1$s_db into %1$s"""
                        .formatted(service, port, TestDatabases.USER, TestDatabases.PASSWORD));
            }
        }
    }

    @BeforeEach
    void clear() throws SQLException {
        databases.clear();
    }

    private static Connection check() throws SQLException {
        return DriverManager.getConnection(databases.serverUrl() + CHECK_DATABASE, TestDatabases.USER,
                TestDatabases.PASSWORD);
    }

    private static List<String> postgres(String start, String end) throws SQLException {
        try (Connection check = check()) {
            return GoldRows.query(check, query.replace(":'start'", "'" + start + "'").replace(":'end'", "'" + end + "'"));
        }
    }

    private static List<String> spark(String... months) throws SQLException, IOException {
        Path output = Files.createTempDirectory(Files.createDirectories(Path.of("target", "analytics-output")), "check");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        assertEquals(0, AnalyticsMain.run(months, databases.env(output), discard, System.err, () -> spark));
        try (Connection search = databases.connect("search")) {
            return GoldRows.query(search, GoldRows.LISTING_MONTHS);
        }
    }

    @Test
    void agreeOnTheHandBuiltData() throws Exception {
        TestData.load(databases);
        assertEquals(postgres("2026-01-01", "2026-03-01"),
                spark("--from", "2026-01", "--to", "2026-02", "--as-of", "2026-02-28"));
    }

    @Test
    void agreeOnGeneratedData() throws Exception {
        GeneratedData.load(databases, 60);
        List<String> postgres = postgres("2025-12-01", "2026-04-01");
        assertTrue(postgres.size() > 200, "listing months: " + postgres.size());
        assertEquals(postgres, spark(GeneratedData.MONTHS));
    }
}
