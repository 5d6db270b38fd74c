package io.airstay.platform.cache;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.airstay.platform.testapp.NoteResource;
import io.airstay.platform.testing.RealServers;
import io.airstay.platform.testing.RedisTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

@QuarkusTest
@RealServers
class JsonCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Sends the test's own Accept-Encoding only, and leaves bodies as they arrive. */
    private static final RestAssuredConfig NO_DECODERS = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Inject
    JsonCache cache;
    @Inject
    MeterRegistry registry;
    @Inject
    RedisDataSource redis;

    /** Opening the pool's first Redis connection can outlast the cache timeout on a busy machine: open it first. */
    @BeforeEach
    void connectToRedis() {
        redis.execute("PING");
    }

    @Test
    void secondReadIsAHitAndDoesNotLoadAgain() {
        String key = UUID.randomUUID().toString();
        double hitsBefore = count("hit");
        double missesBefore = count("miss");
        int loadsBefore = NoteResource.LOADS.get();

        given().get("/test/cached/" + key).then().statusCode(200).body("load", equalTo(loadsBefore + 1));
        awaitStored("v1:test:" + key);
        given().get("/test/cached/" + key).then().statusCode(200).body("load", equalTo(loadsBefore + 1));

        assertEquals(loadsBefore + 1, NoteResource.LOADS.get());
        assertEquals(hitsBefore + 1, count("hit"));
        assertEquals(missesBefore + 1, count("miss"));
    }

    @Test
    void largeDocumentsAreStoredCompressedAndServedAsStored() throws Exception {
        String key = UUID.randomUUID().toString();
        String plain = given().config(NO_DECODERS).header("Accept-Encoding", "identity").get("/test/cached/" + key + "?padding=4000").then()
                .statusCode(200).header("Content-Encoding", not(equalTo("gzip"))).extract().asString();
        awaitStored("v1:test:" + key);

        byte[] stored = body("v1:test:" + key);
        assertTrue(stored.length < 1000, "4 KB of JSON is stored compressed: " + stored.length + " bytes");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            assertEquals(plain, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        byte[] sent = given().config(NO_DECODERS)
                .header("Accept-Encoding", "gzip").get("/test/cached/" + key + "?padding=4000").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip")).header("Vary", containsString("Accept-Encoding"))
                .extract().asByteArray();
        assertArrayEquals(stored, sent, "a hit sends the stored bytes, compressed once");
        given().config(NO_DECODERS).header("Accept-Encoding", "gzip;q=0").get("/test/cached/" + key).then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip"))).body("key", equalTo(key));
    }

    @Test
    void smallDocumentsStayPlain() {
        String key = UUID.randomUUID().toString();
        given().header("Accept-Encoding", "gzip").get("/test/cached/" + key).then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
        awaitStored("v1:test:" + key);
        assertEquals('{', (char) body("v1:test:" + key)[0]);
    }

    @Test
    void absenceIsCachedToo() {
        String key = UUID.randomUUID().toString();
        int loadsBefore = NoteResource.LOADS.get();

        given().get("/test/cached-absent/" + key).then().statusCode(404);
        awaitStored("v1:test-absent:" + key);
        given().get("/test/cached-absent/" + key).then().statusCode(404);

        assertEquals(loadsBefore + 1, NoteResource.LOADS.get());
    }

    @Test
    void writeAfterCommitReplacesTheEntryAndRollbackLeavesIt() {
        String key = "v1:test:" + UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        assertEquals("old", read(key, loads, 1, "old"));
        awaitStored(key);

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            cache.putAfterCommit(key, VersionedDocument.of(2, "rolled back"), CacheTier.STATIC);
            throw new IllegalStateException("the transaction fails");
        }));
        assertEquals("old", read(key, loads, 1, "unused"));

        QuarkusTransaction.requiringNew().run(() -> cache.putAfterCommit(key, VersionedDocument.of(2, "new"), CacheTier.STATIC));
        assertEquals("new", bodyText(key), "the writer waited for Redis to take it");
        assertEquals(1, loads.get(), "only the first read loaded");
    }

    @Test
    void anOlderVersionWrittenAfterANewerOneIsIgnoredAndAnEqualOrNewerOneReplaces() {
        String key = "v1:test:" + UUID.randomUUID();
        double staleBefore = staleWrites();
        cache.putAfterCommit(key, VersionedDocument.of(2, "second"), CacheTier.STATIC);
        cache.putAfterCommit(key, VersionedDocument.of(1, "first, landing late"), CacheTier.STATIC);
        assertEquals("second", bodyText(key));
        assertEquals(staleBefore + 1, staleWrites());

        cache.putAfterCommit(key, VersionedDocument.of(2, "second, written again"), CacheTier.STATIC);
        assertEquals("second, written again", bodyText(key));
        cache.putAfterCommit(key, VersionedDocument.of(3, "third"), CacheTier.STATIC);
        assertEquals("third", bodyText(key));
        AtomicInteger loads = new AtomicInteger();
        assertEquals("third", read(key, loads, 1, "unused"));
        assertEquals(0, loads.get());
    }

    @Test
    void aReaderThatLoadedBeforeAWriteDoesNotStoreItsOlderDocument() {
        String key = "v1:test:" + UUID.randomUUID();
        double staleBefore = staleWrites();
        String answer = cache.get("test", key, CacheTier.STATIC, () -> {
            // The reader has loaded version 1 when a writer commits version 2 and stores it.
            cache.putAfterCommit(key, VersionedDocument.of(2, "written meanwhile"), CacheTier.STATIC);
            return VersionedDocument.of(1, "loaded before");
        }).await().atMost(WAIT).orElseThrow().json();

        assertEquals("loaded before", answer, "the reader answers what it loaded");
        await().atMost(WAIT).until(() -> staleWrites() > staleBefore); // the reader's store arrived and was refused
        assertEquals("written meanwhile", bodyText(key));
    }

    @Test
    void anEvictedEntryMissesAndOnlyItsVersionOrANewerOneFillsIt() {
        String key = "v1:test:" + UUID.randomUUID();
        redis.value(byte[].class).set(key, VersionedValue.evicted(5));
        double staleBefore = staleWrites();
        AtomicInteger loads = new AtomicInteger();

        assertEquals("older", read(key, loads, 4, "older"));
        await().atMost(WAIT).until(() -> staleWrites() > staleBefore);
        assertArrayEquals(VersionedValue.evicted(5), redis.value(byte[].class).get(key));

        assertEquals("fifth", read(key, loads, 5, "fifth"));
        await().atMost(WAIT).until(() -> "fifth".equals(bodyText(key)));
        assertEquals("fifth", read(key, loads, 6, "unused"));
        assertEquals(2, loads.get(), "evicted, the entry missed twice; filled, it hit");
    }

    @Test
    void absenceWithAVersionBlocksAnOlderDocument() {
        String key = "v1:test:" + UUID.randomUUID();
        cache.putAfterCommit(key, VersionedDocument.absent(5), CacheTier.STATIC);
        cache.putAfterCommit(key, VersionedDocument.of(4, "active before it was deactivated"), CacheTier.STATIC);

        assertEquals(Optional.empty(), cache.get("test", key, CacheTier.STATIC, () -> {
            throw new AssertionError("absence is a hit");
        }).await().atMost(WAIT));
    }

    @Test
    void aWriteWhileRedisIsPausedEndsWithTheNewDocumentOrEvictedNeverTheOldOne() {
        String key = "v1:test:" + UUID.randomUUID();
        cache.putAfterCommit(key, VersionedDocument.of(1, "old"), CacheTier.STATIC);
        double handledBefore = repairs("retried") + repairs("repaired");
        redis.execute("CLIENT", "PAUSE", "5000", "ALL"); // Redis holds every command for 5 s
        try {
            QuarkusTransaction.requiringNew().run(() -> cache.putAfterCommit(key, VersionedDocument.of(2, "new"), CacheTier.STATIC));
        } finally {
            redis.execute("PING"); // returns once the pause is over
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> pendingRepairs() == 0 && repairs("retried") + repairs("repaired") > handledBefore);
        byte[] stored = redis.value(byte[].class).get(key);
        assertTrue(Arrays.equals(VersionedValue.evicted(2), stored)
                || Arrays.equals(VersionedValue.document(2, "new".getBytes(StandardCharsets.UTF_8)), stored),
                "the new document or evicted: " + new String(stored, StandardCharsets.UTF_8));
        assertEquals("new", read(key, new AtomicInteger(), 2, "new"));
    }

    @Test
    void writesRedisCannotTakeAreRepairedOnceItIsBackOncePerKey() {
        String key = "v1:test:" + UUID.randomUUID();
        String generation = "v1:gen:test:" + UUID.randomUUID();
        double repairedBefore = repairs("repaired");
        RedisTestResource.stopServer();
        try {
            cache.putAfterCommit(key, VersionedDocument.of(2, "second"), CacheTier.STATIC);
            cache.putAfterCommit(key, VersionedDocument.of(3, "third"), CacheTier.STATIC);
            cache.putAfterCommit(key, VersionedDocument.of(1, "first, landing late"), CacheTier.STATIC);
            cache.bumpGenerationAfterCommit(generation);
            cache.bumpGenerationAfterCommit(generation);
            await().atMost(WAIT).until(() -> pendingRepairs() == 2);
        } finally {
            RedisTestResource.startServer();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> pendingRepairs() == 0);
        assertEquals(repairedBefore + 2, repairs("repaired"));
        assertArrayEquals(VersionedValue.evicted(3), redis.value(byte[].class).get(key), "evicted at the newest version written");
        assertEquals("1", redis.value(String.class).get(generation), "bumped once: that retires all the failed bumps would");
    }

    @Test
    void bumpingTheGenerationRetiresEveryEntryOfIt() {
        String generation = "v1:gen:test:" + UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        assertEquals("first", generational(generation, "a", loads, "first"));
        awaitStored("v1:test:g0.0:a");
        assertEquals("first", generational(generation, "a", loads, "unused"));
        assertEquals(1, loads.get());

        QuarkusTransaction.requiringNew().run(() -> cache.bumpGenerationAfterCommit(generation));

        await().atMost(WAIT).until(() -> "1".equals(redis.value(String.class).get(generation)));
        assertEquals("second", generational(generation, "a", loads, "second"));
        assertEquals(2, loads.get());
    }

    @Test
    void redisOutageFallsBackToTheSourceWithoutErrors() {
        String key = UUID.randomUUID().toString();
        int loadsBefore = NoteResource.LOADS.get();
        double errorsBefore = registry.counter("cache.errors").count();
        RedisTestResource.stopServer();
        try {
            for (int i = 1; i <= 3; i++) {
                given().get("/test/cached/" + key).then().statusCode(200).body("load", equalTo(loadsBefore + i));
            }
            assertTrue(registry.counter("cache.errors").count() > errorsBefore, "the outage is counted");
        } finally {
            RedisTestResource.startServer();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String first = given().get("/test/cached/" + key).then().statusCode(200).extract().asString();
            String second = given().get("/test/cached/" + key).then().statusCode(200).extract().asString();
            assertEquals(first, second, "cached again once Redis is back");
        });
    }

    @Test
    void aRedisThatDoesNotAnswerTimesOutAndTheSourceAnswers() {
        String key = UUID.randomUUID().toString();
        double errorsBefore = registry.counter("cache.errors").count();
        redis.execute("CLIENT", "PAUSE", "3000", "ALL"); // Redis holds every command for 3 s
        try {
            long began = System.nanoTime();
            given().get("/test/cached/" + key).then().statusCode(200).body("key", equalTo(key));
            long tookMillis = (System.nanoTime() - began) / 1_000_000;
            assertTrue(tookMillis < 2500, "answered from the source after the cache timeout, not after the pause: "
                    + tookMillis + " ms");
            assertTrue(registry.counter("cache.errors").count() > errorsBefore, "the timeout is counted");
        } finally {
            redis.execute("PING"); // returns once the pause is over
        }
    }

    private String read(String key, AtomicInteger loads, long version, String fresh) {
        return cache.get("test", key, CacheTier.STATIC, () -> {
            loads.incrementAndGet();
            return VersionedDocument.of(version, fresh);
        }).await().atMost(WAIT).orElseThrow().json();
    }

    private String generational(String generationKey, String suffix, AtomicInteger loads, String fresh) {
        return cache.getGenerational("test", List.of(generationKey, generationKey + ":other"), "v1:test:g", ":" + suffix, CacheTier.DYNAMIC, () -> {
            loads.incrementAndGet();
            return Optional.of(fresh);
        }).await().atMost(WAIT).orElseThrow().json();
    }

    /** Stores are fire-and-forget; wait until the entry is in Redis. */
    private void awaitStored(String key) {
        await().atMost(WAIT).until(() -> redis.key(String.class).exists(key));
    }

    /** The stored body of a versioned entry, behind its version; null when it holds none. */
    private byte[] body(String key) {
        byte[] value = redis.value(byte[].class).get(key);
        int start = value == null ? -1 : VersionedValue.bodyStart(value);
        return start < 0 ? null : Arrays.copyOfRange(value, start, value.length);
    }

    private String bodyText(String key) {
        byte[] body = body(key);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    private double staleWrites() {
        return registry.counter("cache.writes.stale").count();
    }

    private double repairs(String result) {
        return registry.counter("cache.repairs", "result", result).count();
    }

    private double pendingRepairs() {
        return registry.get("cache.repairs.pending").gauge().value();
    }

    private double count(String result) {
        return registry.counter("cache.gets", "cache", "test", "result", result).count();
    }
}
