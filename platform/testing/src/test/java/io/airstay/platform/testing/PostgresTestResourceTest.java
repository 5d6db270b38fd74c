package io.airstay.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URI;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PostgresTestResourceTest {

    @Test
    void startsRealPostgres17AndCreatesTheDatabase() throws Exception {
        Map<String, String> config = start("smoke");
        assertTrue(config.get("quarkus.datasource.jdbc.url").endsWith("/smoke"));

        try (Connection connection = connect(config); Statement sql = connection.createStatement()) {
            assertTrue(single(sql, "select version()").contains("PostgreSQL 17"));
            assertEquals("smoke", single(sql, "select current_database()"));
            assertEquals("200", single(sql, "show max_connections"));
            assertEquals("off", single(sql, "show fsync"));

            sql.execute("create table listing (id int primary key, title text)");
            sql.execute("insert into listing values (1, 'Cabin'), (2, 'Loft')");
            assertEquals("Cabin,Loft", single(sql, "select string_agg(title, ',' order by id) from listing"));
        }
    }

    @Test
    void preloadsPgStatStatements() throws Exception {
        try (Connection connection = connect(start("stats")); Statement sql = connection.createStatement()) {
            assertEquals("pg_stat_statements", single(sql, "show shared_preload_libraries"));
            sql.execute("create extension if not exists pg_stat_statements");
            assertTrue(Long.parseLong(single(sql, "select count(*) from pg_stat_statements")) > 0);
        }
    }

    @Test
    void listensOnTheBindAddressOnly() {
        assumeFalse(ServerSupport.useContainers(), "Docker publishes a container's ports itself");
        int port = URI.create(start("listening").get("quarkus.datasource.jdbc.url").substring("jdbc:".length())).getPort();
        assertEquals(Set.of(BindAddress.get() + ":" + port), Listeners.onPort(port));
    }

    @Test
    void laterStartsReuseTheServer() {
        String first = start("reuse_a").get("quarkus.datasource.jdbc.url");
        String second = start("reuse_b").get("quarkus.datasource.jdbc.url");
        assertNotEquals(first, second);
        assertEquals(first.replace("/reuse_a", ""), second.replace("/reuse_b", ""));
        assertEquals(start("reuse_a"), start("reuse_a"));
    }

    private static Map<String, String> start(String database) {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", database));
        Map<String, String> config = resource.start();
        resource.stop();
        return config;
    }

    private static Connection connect(Map<String, String> config) throws Exception {
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }

    private static String single(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
