package io.airstay.platform.cache;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.RealServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Two replicas' caches (each its own near cache, change-report connection and metrics) on one real Redis: what one
 * writes, the other stops serving from memory within the documented bound, and the writer sees at once.
 */
@QuarkusTest
@RealServers
class NearCacheTest {

    private static final Logger LOG = Logger.getLogger(NearCacheTest.class);
    /** The documented bound: a replica serves no near copy of a document later than this after Redis took its change. */
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final String PREFIX = "v1:near-test:";
    private static final String GENERATIONS = "v1:gen:near-test:";

    @Inject
    ReactiveRedisDataSource reactiveRedis;
    @Inject
    RedisDataSource redis;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    CacheConfig cacheConfig;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private Replica first;
    private Replica second;

    @BeforeEach
    void startReplicas() {
        first = new Replica();
        second = new Replica();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.live() && second.live());
    }

    @AfterEach
    void stopReplicas() {
        first.cache.close();
        second.cache.close();
    }

    @Test
    void aReplicaServesItsNearCopyUntilAnotherReplicaWritesThenTheNewDocument() {
        String key = writtenByFirstHeldBy(second);

        long written = System.nanoTime();
        first.cache.putAfterCommit(key, VersionedDocument.of(2, "{\"v\":2}"), CacheTier.STATIC);
        long staleReads = awaitFresh(() -> second.read(key), "{\"v\":2}", written);
        LOG.infof("The other replica served the old document %d more times after the write", staleReads);
        assertEquals(0, second.loads.get(), "every read came from Redis or memory");
    }

    @Test
    void aWriterReadsItsOwnWriteAtOnce() {
        String key = writtenByFirstHeldBy(first);

        first.cache.putAfterCommit(key, VersionedDocument.of(2, "{\"v\":2}"), CacheTier.STATIC);
        assertEquals("{\"v\":2}", first.read(key), "no wait: the writer dropped its own copy");
    }

    @Test
    void aGenerationBumpedByOneReplicaRetiresTheOthersNearEntries() {
        String generation = GENERATIONS + UUID.randomUUID();
        AtomicInteger version = new AtomicInteger(1);
        assertEquals("1", second.readGenerational(generation, version));
        assertEquals("1", second.readGenerational(generation, version));
        assertEquals(1, second.nearHits());

        version.set(2);
        long bumped = System.nanoTime();
        first.cache.bumpGenerationAfterCommit(generation);
        awaitFresh(() -> second.readGenerational(generation, version), "2", bumped);
        assertEquals("2", first.readGenerational(generation, version), "the writer at once");
    }

    @Test
    void aChangeRedisReportsFromOutsideTheServicesIsSeenToo() {
        String key = writtenByFirstHeldBy(second);

        long deleted = System.nanoTime();
        redis.key().del(key); // an operator's delete, say: the next read loads from the source
        awaitFresh(() -> second.read(key), "{\"loaded\":true}", deleted);
    }

    @Test
    void whenTheReportsConnectionIsLostNothingIsServedFromMemoryUntilItIsBack() {
        String key = writtenByFirstHeldBy(second);

        // Redis drops every tracking connection: changes made now would be reported to nobody.
        redis.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        redis.execute("SET", key, "2:{\"v\":2}");
        long changed = System.nanoTime();
        awaitFresh(() -> second.read(key), "{\"v\":2}", changed);
        assertTrue(second.counter("cache.near.resets") >= 1);

        await().atMost(Duration.ofSeconds(10)).until(second::live);
        second.read(key);
        double hitsBefore = second.nearHits();
        assertEquals("{\"v\":2}", second.read(key));
        assertEquals(hitsBefore + 1, second.nearHits(), "serving from memory again once reports flow");
    }

    @Test
    void whileRedisDoesNotAnswerNothingIsServedFromMemoryBeyondTheBoundAndAfterwardsServingResumes() {
        String key = writtenByFirstHeldBy(second);

        // Every client's commands wait 2.5 s, PINGs included: no report can be proven to have arrived.
        redis.execute("CLIENT", "PAUSE", "2500", "ALL");
        await().pollDelay(BOUND.plusMillis(300)).until(() -> true);
        assertEquals("{\"loaded\":true}", second.read(key), "Redis does not answer, so the source does");
        assertEquals(1, second.nearHits(), "nothing from memory once the bound has passed without a PONG");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            second.read(key);
            return second.nearHits() > 1;
        });
        assertEquals(0, second.counter("cache.near.resets"), "a silence under the limit does not start over");
    }

    /** A new key, written by the first replica as version 1, read twice by {@code reader}: the second read from memory. */
    private String writtenByFirstHeldBy(Replica reader) {
        String key = PREFIX + UUID.randomUUID();
        first.cache.putAfterCommit(key, VersionedDocument.of(1, "{\"v\":1}"), CacheTier.STATIC);
        first.awaitReport();
        second.awaitReport();
        assertEquals("{\"v\":1}", reader.read(key));
        assertEquals("{\"v\":1}", reader.read(key));
        assertEquals(1, reader.nearHits(), "the second read comes from memory");
        return key;
    }

    /** Reads until the expected answer, which must come within the bound; returns how many older answers came first. */
    private static long awaitFresh(Supplier<String> read, String expected, long changedAt) {
        long stale = 0;
        while (!expected.equals(read.get())) {
            stale++;
            assertTrue(System.nanoTime() - changedAt < BOUND.toNanos(), "an older document served " + BOUND + " after the change");
        }
        LOG.infof("Fresh %.1f ms after the change (%d older answers before)", (System.nanoTime() - changedAt) / 1e6, stale);
        return stale;
    }

    /** One replica's cache: its own near cache, change-report connection and metrics. */
    private final class Replica {

        final MeterRegistry registry = new SimpleMeterRegistry();
        final JsonCache cache = new JsonCache(reactiveRedis, transactions, cacheConfig, nearConfig(), registry, vertx,
                redisHosts, Optional.empty());
        final AtomicInteger loads = new AtomicInteger();

        String read(String key) {
            return cache.get("near-test", key, CacheTier.STATIC, () -> {
                loads.incrementAndGet();
                return VersionedDocument.of(0, "{\"loaded\":true}");
            }).await().atMost(Duration.ofSeconds(5)).map(JsonBody::json).orElseThrow();
        }

        /** Waits for Redis' report of the test's first write, so that it cannot arrive in the middle of a read. */
        void awaitReport() {
            await().atMost(Duration.ofSeconds(5)).until(() -> counter("cache.near.invalidations") >= 1);
        }

        String readGenerational(String generation, AtomicInteger version) {
            // The entries live outside the tracked prefixes: their generation counter is what the near cache tracks.
            return cache.getGenerational("near-test-generational", List.of(generation), "v1:near-entries:g", ":" + generation,
                    CacheTier.DYNAMIC, () -> Optional.of(Integer.toString(version.get())))
                    .await().atMost(Duration.ofSeconds(5)).map(JsonBody::json).orElseThrow();
        }

        double nearHits() {
            return registry.find("cache.near.gets").tag("result", "hit").counters().stream().mapToDouble(c -> c.count()).sum();
        }

        double counter(String name) {
            return registry.find(name).counter() == null ? 0 : registry.find(name).counter().count();
        }

        boolean live() {
            return registry.find("cache.near.live").gauge().value() == 1;
        }
    }

    private static NearCacheConfig nearConfig() {
        return new NearCacheConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<List<String>> trackedPrefixes() {
                return Optional.of(List.of(PREFIX, GENERATIONS));
            }

            @Override
            public long maxBytes() {
                return 1 << 20;
            }

            @Override
            public Duration maxAge() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration maxLoad() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int maxInvalidations() {
                return 10_000;
            }

            @Override
            public Duration bound() {
                return BOUND;
            }

            @Override
            public Duration heartbeat() {
                return Duration.ofMillis(250);
            }

            @Override
            public Duration silenceLimit() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
