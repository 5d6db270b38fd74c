package io.airstay.search.repository;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.agroal.api.AgroalDataSource;
import io.airstay.platform.testing.KafkaTestResource;
import io.airstay.platform.testing.PostgresReplicaTestResource;
import io.airstay.platform.testing.RedisTestResource;
import io.airstay.platform.testing.TestTokens;
import io.airstay.search.PropertyFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** search-service against a primary and a streaming replica of it, as ./airstay runs them (docs/read-replica.md). */
@QuarkusTest
@WithTestResource(PostgresReplicaTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(TestTokens.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {

    private static final String SEARCH = "/api/v1/properties/search";

    @Inject
    @DataSource("read")
    AgroalDataSource read;
    @Inject
    AgroalDataSource primary;
    @Inject
    ReadReplica replica;
    @Inject
    MeterRegistry registry;
    @Inject
    RedisDataSource redis;

    /** A read as searches run them ({@link ReadReplica#read}): when it started and ended, the server's port, or its error. */
    record Read(long started, long ended, int port, String error) {
    }

    @Test
    @Order(1)
    void searchesReadTheReplicaWhichReportsNoLagOnceCaughtUp() throws Exception {
        String city = PropertyFixture.uniqueCity("Mirrorville");
        PropertyFixture.create(city, Map.of());
        given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data.size()", equalTo(1));

        Read onReplica = read();
        assertEquals(PostgresReplicaTestResource.replicaPort(), onReplica.port(), onReplica.toString());
        try (Connection replica = PostgresReplicaTestResource.superuser(PostgresReplicaTestResource.replicaPort());
                Statement sql = replica.createStatement(); ResultSet row = sql.executeQuery("SELECT pg_is_in_recovery()")) {
            assertTrue(row.next() && row.getBoolean(1));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("airstay.read.replica.lag.seconds") == 0);
        assertEquals(1, gauge("airstay.read.replica.answering"));
    }

    /**
     * With the replica's replay held, a host's change commits on the primary but the call waits: searches keep the
     * page without it until the replica has it; the detail, read from the primary, shows it at once. Once the replica
     * replays, the call answers with the change, and the next search shows it.
     */
    @Test
    @Order(2)
    void aWriterReadsItsChangeInDetailAtOnceAndInSearchesOnceTheReplicaHasIt() throws Exception {
        String city = PropertyFixture.uniqueCity("Laggard");
        UUID id = PropertyFixture.create(city, Map.of("base_price", 100));
        given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data[0].base_price", equalTo(100f));

        replay("pause");
        try {
            CompletableFuture<Float> patched = CompletableFuture.supplyAsync(() -> PropertyFixture.asHost()
                    .contentType(ContentType.JSON).body("{\"base_price\": 150}").patch("/api/v1/properties/" + id)
                    .then().statusCode(200).extract().<Float>path("base_price"));
            await().atMost(Duration.ofSeconds(30)).until(() -> primaryPrice(id) == 150);
            assertFalse(patched.isDone(), "the writer waits for the replica");
            given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data[0].base_price", equalTo(100f));
            redis.key().del("v1:property:versioned:" + id); // a miss: the detail is read from the primary
            given().get("/api/v1/properties/" + id).then().statusCode(200).body("base_price", equalTo(150f));

            replay("resume");
            assertEquals(150f, patched.get(30, TimeUnit.SECONDS));
            given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data[0].base_price", equalTo(150f));
        } finally {
            replay("resume");
        }
    }

    /**
     * Freezes the replica under steady reads: it takes connections and answers nothing. Reads go to the primary within
     * a second (printed; the bound is a safety net for a loaded machine), none fails, and once it answers again they
     * return to it.
     */
    @Test
    @Order(3)
    void readsGoToThePrimaryWhileTheReplicaDoesNotAnswer() throws Exception {
        try (SteadyReads reads = new SteadyReads()) {
            long frozen = System.nanoTime();
            PostgresReplicaTestResource.freezeReplica();
            try {
                reads.awaitOnPrimary(frozen);
            } finally {
                PostgresReplicaTestResource.thawReplica();
            }
            reads.report("Replica frozen", frozen);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> read().port() == PostgresReplicaTestResource.replicaPort());
    }

    /** Kills the replica under steady reads: those that start once it refuses connections all run on the primary. */
    @Test
    @Order(4)
    void readsGoToThePrimaryOnceTheReplicaIsKilled() throws Exception {
        try (SteadyReads reads = new SteadyReads()) {
            long killed = System.nanoTime();
            PostgresReplicaTestResource.crashReplica();
            long gone = System.nanoTime();
            reads.awaitOnPrimary(gone);
            List<Read> afterwards = reads.reads.stream().filter(r -> r.started() > gone).toList();
            assertTrue(afterwards.stream().allMatch(r -> r.port() == PostgresReplicaTestResource.primaryPort()),
                    afterwards.toString());
            reads.report("Replica killed", killed);
        }
        given().get(SEARCH + "?city=" + PropertyFixture.uniqueCity("Afterwards")).then().statusCode(200);
    }

    /** Reads run as searches run them, one after another on a thread of their own, from a pool holding connections. */
    private final class SteadyReads implements AutoCloseable {

        final List<Read> reads = new CopyOnWriteArrayList<>();
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final Thread reader = new Thread(() -> {
            while (reading.get()) {
                reads.add(read());
            }
        }, "steady-reads");

        SteadyReads() throws SQLException {
            List<Connection> pooled = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pooled.add(read.getConnection());
            }
            for (Connection connection : pooled) {
                assertEquals(PostgresReplicaTestResource.replicaPort(), port(connection));
                connection.close();
            }
            reader.start();
            await().until(() -> reads.size() >= 20);
        }

        /** Until 50 reads that started after {@code since} ran on the primary. */
        void awaitOnPrimary(long since) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.stream()
                    .filter(r -> r.started() > since && r.port() == PostgresReplicaTestResource.primaryPort()).count() >= 50);
        }

        /** Prints when the first read on the primary ended, measured from {@code fault}; asserts that none failed. */
        void report(String fault, long at) {
            Read first = reads.stream().filter(r -> r.port() == PostgresReplicaTestResource.primaryPort()).findFirst()
                    .orElseThrow();
            long millis = TimeUnit.NANOSECONDS.toMillis(first.ended() - at);
            System.out.printf("%s: the first read on the primary ended %d ms later; %d reads%n", fault, millis, reads.size());
            assertEquals(List.of(), reads.stream().filter(r -> r.error() != null).toList());
            assertTrue(millis < 5000, millis + " ms");
        }

        @Override
        public void close() throws InterruptedException {
            reading.set(false);
            reader.join();
        }
    }

    private Read read() {
        long started = System.nanoTime();
        try {
            int port = replica.read(ReadReplicaTest::port);
            return new Read(started, System.nanoTime(), port, null);
        } catch (SQLException e) {
            return new Read(started, System.nanoTime(), 0, e.toString());
        }
    }

    private static int port(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("SELECT inet_server_port()")) {
            row.next();
            return row.getInt(1);
        }
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static void replay(String action) throws SQLException {
        try (Connection replica = PostgresReplicaTestResource.superuser(PostgresReplicaTestResource.replicaPort());
                Statement sql = replica.createStatement()) {
            sql.execute("SELECT pg_wal_replay_" + action + "()");
        }
    }

    private int primaryPrice(UUID id) throws SQLException {
        try (Connection connection = primary.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT base_price FROM silver.properties WHERE property_id = '" + id + "'")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
