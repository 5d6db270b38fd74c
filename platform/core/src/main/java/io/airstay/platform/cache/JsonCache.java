package io.airstay.platform.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.airstay.platform.db.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cache-aside for JSON documents in Redis, shared by every replica of a service, with the hottest of them also held
 * in each replica's memory ({@link NearCache}).
 * <ul>
 * <li>A replica serves from its near cache only what Redis would serve it: Redis reports each change of a tracked
 * key ({@link RedisInvalidations}), and a writer drops its own near copy before its call returns, so that its next
 * read sees its write.</li>
 * <li>A document's entry carries its source's version ({@link VersionedValue}), and a store replaces the
 * entry only if it is at least as new: neither writers whose transactions committed in one order while their
 * Redis writes land in the other, nor a reader that loaded before a write committed and stores after its miss,
 * can put an older document back.</li>
 * <li>Writers refresh entries only after their transaction commits, and wait for Redis to take the change
 * (bounded by the timeout), so a read that follows a write never sees the old entry. A write Redis does not
 * take in time is retried, then the entry is evicted at the write's version, in the background until Redis
 * answers ({@link CacheRepairs}): a failed write leaves no stale entry behind once Redis is back.</li>
 * <li>Documents are stored as {@link JsonBody}: compressed once, served as stored.</li>
 * <li>"Absent" is cached too (as an empty body), so unknown ids do not reach the database each time.</li>
 * <li>Generational entries (e.g. all search results of a city) live under a key that embeds a counter;
 * bumping the counter retires them at once. The counter and the entry are read in one round trip. They carry
 * no version: a miss stores with {@code SET NX}, and a failed bump is retried like a failed write.</li>
 * <li>When Redis fails or is slow, the source answers and Redis is left alone for a short backoff:
 * a Redis outage costs latency, never errors.</li>
 * </ul>
 */
@ApplicationScoped
public class JsonCache {

    private static final Logger LOG = Logger.getLogger(JsonCache.class);
    private static final byte[] ABSENT = new byte[0];
    /** Returns {generation, entry}: the generation joins the counters at KEYS; the entry key is ARGV[1] .. generation .. ARGV[2]. */
    private static final String GENERATIONAL_GET = """
            local counters = {}
            for i, key in ipairs(KEYS) do counters[i] = redis.call('GET', key) or '0' end
            local generation = table.concat(counters, '.')
            return {generation, redis.call('GET', ARGV[1] .. generation .. ARGV[2])}""";

    private final ReactiveRedisDataSource redis;
    private final TransactionSynchronizationRegistry transactions;
    private final CacheConfig config;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final Counter errors;
    private final AtomicLong redisRetryAt = new AtomicLong();
    private final Map<String, Counter> hits = new ConcurrentHashMap<>();
    private final Map<String, Counter> misses = new ConcurrentHashMap<>();
    private final Counter staleWrites;
    private final CacheRepairs repairs;
    private final NearCache near;
    private final RedisInvalidations invalidations;

    public JsonCache(ReactiveRedisDataSource redis, TransactionSynchronizationRegistry transactions, CacheConfig config,
            NearCacheConfig nearConfig, MeterRegistry registry, Vertx vertx,
            @ConfigProperty(name = "quarkus.redis.hosts") String redisHosts,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> redisPassword) {
        this.redis = redis;
        this.transactions = transactions;
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
        this.errors = Counter.builder("cache.errors").description("Redis calls that failed or timed out; the source answered")
                .register(registry);
        this.staleWrites = Counter.builder("cache.writes.stale")
                .description("Versioned writes refused because the entry already held a newer version").register(registry);
        this.repairs = new CacheRepairs(config, registry, vertx, this::withTimeout);
        this.near = new NearCache(nearConfig, registry);
        if (config.enabled() && near.enabled()) {
            invalidations = new RedisInvalidations(vertx, near, redisHosts.split(",")[0].trim(), redisPassword, nearConfig,
                    config, registry);
            invalidations.start();
        } else {
            invalidations = null;
        }
    }

    @PreDestroy
    void close() {
        if (invalidations != null) {
            invalidations.close();
        }
    }

    /**
     * The cached document at {@code key}, or the loader's answer (run on a worker thread), cached for the tier's
     * TTL unless Redis meanwhile holds a newer version of it.
     */
    public Uni<Optional<JsonBody>> get(String cacheName, String key, CacheTier tier, Supplier<VersionedDocument> loader) {
        Optional<JsonBody> held = near.get(cacheName, key);
        if (held != null) {
            hit(cacheName);
            return Uni.createFrom().item(held);
        }
        if (!redisUsable()) {
            return onWorker(() -> body(loader.get()));
        }
        NearCache.Mark mark = near.mark();
        return guarded(redis.value(byte[].class).get(key))
                .onItem().transformToUni(cached -> {
                    int bodyStart = cached == null ? -1 : VersionedValue.bodyStart(cached);
                    if (bodyStart >= 0) {
                        hit(cacheName);
                        Optional<JsonBody> body = decode(Arrays.copyOfRange(cached, bodyStart, cached.length));
                        near.put(key, mark, body, body.map(JsonBody::weight).orElse(0), key);
                        return Uni.createFrom().item(body);
                    }
                    miss(cacheName);
                    return onWorker(() -> {
                        VersionedDocument loaded = loader.get();
                        Optional<JsonBody> body = body(loaded);
                        store(putVersioned(key, VersionedValue.document(loaded.version(), encode(body)), tier));
                        return body;
                    });
                })
                .onFailure(RedisUnavailable.class).recoverWithUni(() -> onWorker(() -> body(loader.get())));
    }

    /**
     * Like {@link #get}, for an unversioned entry that lives at {@code prefix + generation + suffix}, where the
     * generation joins the counters at {@code generationKeys} (see {@link #bumpGenerationAfterCommit}):
     * bumping any of them retires the entry. A miss stores with {@code SET NX}: a reader that loaded before a
     * write committed stores under the generation the write retires.
     */
    public Uni<Optional<JsonBody>> getGenerational(String cacheName, List<String> generationKeys, String prefix, String suffix,
            CacheTier tier, Supplier<Optional<String>> loader) {
        return getGenerational(cacheName, generationKeys, prefix, suffix, tier, loader, Function.identity());
    }

    /**
     * Like {@link #getGenerational(String, List, String, String, CacheTier, Supplier)}, answering the document's
     * {@code view}; the near cache holds the view, so that a near hit costs no parsing either.
     */
    public <T> Uni<Optional<T>> getGenerational(String cacheName, List<String> generationKeys, String prefix, String suffix,
            CacheTier tier, Supplier<Optional<String>> loader, Function<JsonBody, T> view) {
        String nearKey = prefix + suffix;
        Optional<T> held = near.get(cacheName, nearKey);
        if (held != null) {
            hit(cacheName);
            return Uni.createFrom().item(held);
        }
        if (!redisUsable()) {
            return load(loader).map(body -> body.map(view));
        }
        NearCache.Mark mark = near.mark();
        List<String> arguments = new ArrayList<>(generationKeys.size() + 4);
        arguments.add(GENERATIONAL_GET);
        arguments.add(Integer.toString(generationKeys.size()));
        arguments.addAll(generationKeys);
        arguments.add(prefix);
        arguments.add(suffix);
        return guarded(redis.execute(Command.EVAL, arguments.toArray(String[]::new)))
                .onItem().transformToUni(reply -> {
                    Response cached = reply.get(1);
                    if (cached != null) {
                        hit(cacheName);
                        return Uni.createFrom().item(holdNear(nearKey, mark, decode(cached.toBytes()), view, generationKeys));
                    }
                    miss(cacheName);
                    String key = prefix + reply.get(0).toString() + suffix;
                    return load(loader).map(loaded -> {
                        store(redis.value(byte[].class).set(key, encode(loaded), new SetArgs().ex(tier.ttl()).nx()));
                        return holdNear(nearKey, mark, loaded, view, generationKeys);
                    });
                })
                .onFailure(RedisUnavailable.class).recoverWithUni(() -> load(loader).map(body -> body.map(view)));
    }

    private <T> Optional<T> holdNear(String nearKey, NearCache.Mark mark, Optional<JsonBody> body, Function<JsonBody, T> view,
            List<String> generationKeys) {
        Optional<T> value = body.map(view);
        near.put(nearKey, mark, value, body.map(JsonBody::weight).orElse(0), generationKeys.toArray(String[]::new));
        return value;
    }

    /**
     * After the current transaction commits, replace the entry with the document (empty: absent), unless Redis
     * holds a newer version of it.
     */
    public void putAfterCommit(String key, VersionedDocument document, CacheTier tier) {
        byte[] value = VersionedValue.document(document.version(), encode(body(document)));
        byte[] evicted = VersionedValue.evicted(document.version());
        afterCommit(key, () -> putVersioned(key, value, tier),
                new CacheRepairs.Repair(document.version(), () -> putVersioned(key, evicted, tier)));
    }

    /** After the current transaction commits, retire every entry stored under the current generation of the key. */
    public void bumpGenerationAfterCommit(String generationKey) {
        Supplier<Uni<?>> bump = () -> redis.value(String.class).incr(generationKey);
        // One bump retires all that several would: the repair of a failed bump is the bump, once.
        afterCommit(generationKey, bump, new CacheRepairs.Repair(0, bump));
    }

    /** Runs the loader on a worker thread and compresses its answer there too. */
    private static Uni<Optional<JsonBody>> load(Supplier<Optional<String>> loader) {
        return onWorker(() -> loader.get().map(JsonBody::of));
    }

    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Optional<JsonBody> body(VersionedDocument document) {
        return document.json().map(JsonBody::of);
    }

    /** Sets the value unless Redis holds a newer version at the key ({@link VersionedValue#PUT}); emits whether it did. */
    private Uni<Boolean> putVersioned(String key, byte[] value, CacheTier tier) {
        Request put = Request.cmd(Command.EVAL).arg(VersionedValue.PUT).arg(1).arg(key).arg(value).arg(tier.ttl().toMillis());
        return redis.getRedis().send(put).map(reply -> {
            boolean stored = reply.toInteger() == 1;
            if (!stored) {
                staleWrites.increment();
            }
            return stored;
        });
    }

    /** A reader's store after a miss: not awaited, as the reader's answer does not depend on it. */
    private void store(Uni<?> command) {
        if (redisUsable()) {
            guarded(command).subscribe().with(ignored -> {
            }, failure -> {
            });
        }
    }

    /**
     * Runs the write once the current transaction has committed (at once without one), and waits for it,
     * bounded by the timeout: when the writer's call returns, readers already see the change. A write that
     * fails or times out starts the Redis backoff and is handed to the repairs, which retry it and, failing
     * that, run {@code repair} once Redis answers; the writer does not wait for them.
     */
    private void afterCommit(String key, Supplier<Uni<?>> write, CacheRepairs.Repair repair) {
        Runnable action = () -> {
            if (!config.enabled()) {
                return;
            }
            try {
                guarded(write.get()).await().indefinitely();
            } catch (RedisUnavailable e) {
                // counted and logged by guarded(); the repairs take it from here
                repairs.handOff(key, write, repair);
            }
            // Redis reports the change too, but later: the writer's own next read must not find the old copy.
            near.invalidate(key);
        };
        AfterCommit.run(transactions, action);
    }

    /** Applies the timeout and turns any Redis failure into {@link RedisUnavailable}, starting the backoff. */
    private <T> Uni<T> guarded(Uni<T> command) {
        return withTimeout(command)
                .onFailure().transform(failure -> {
                    redisFailed(failure);
                    return new RedisUnavailable(failure);
                });
    }

    /**
     * Fails the command once the timeout passes. A Vert.x timer runs on the caller's event loop; Mutiny's
     * {@code ifNoItem().after()} would schedule on a shared executor for every lookup, which costs a third of
     * the throughput of a cache hit.
     */
    private <T> Uni<T> withTimeout(Uni<T> command) {
        long timeoutMillis = Math.max(config.timeout().toMillis(), 1);
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(timeoutMillis,
                    expired -> emitter.fail(new TimeoutException("no answer from Redis within " + timeoutMillis + " ms")));
            command.subscribe().with(item -> {
                vertx.cancelTimer(timer);
                emitter.complete(item);
            }, failure -> {
                vertx.cancelTimer(timer);
                emitter.fail(failure);
            });
        });
    }

    private boolean redisUsable() {
        return config.enabled() && System.nanoTime() - redisRetryAt.get() >= 0;
    }

    private void redisFailed(Throwable failure) {
        errors.increment();
        long previous = redisRetryAt.getAndSet(System.nanoTime() + config.failureBackoff().toNanos());
        if (System.nanoTime() - previous >= 0) {
            LOG.warnf("Redis unavailable, serving from the source for %s: %s", config.failureBackoff(), failure.toString());
        }
    }

    private static byte[] encode(Optional<JsonBody> document) {
        return document.map(JsonBody::stored).orElse(ABSENT);
    }

    private static Optional<JsonBody> decode(byte[] cached) {
        return cached.length == 0 ? Optional.empty() : Optional.of(JsonBody.fromStored(cached));
    }

    private void hit(String cacheName) {
        hits.computeIfAbsent(cacheName, name -> gets(name, "hit")).increment();
    }

    private void miss(String cacheName) {
        misses.computeIfAbsent(cacheName, name -> gets(name, "miss")).increment();
    }

    private Counter gets(String cacheName, String result) {
        return Counter.builder("cache.gets").description("Cache lookups by result; hit rate = hit / (hit + miss)")
                .tag("cache", cacheName).tag("result", result).register(registry);
    }

    private static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }
}
