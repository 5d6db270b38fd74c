package io.airstay.platform.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Copies of hot cache entries in this replica's memory, in front of Redis: a hit costs no round trip.
 * <p>
 * Every entry depends on Redis keys: a versioned document on its own key, a generational entry on its generation
 * counters. Redis reports every change to those keys ({@link RedisInvalidations}); a change of a dependency after an
 * entry's {@link Mark} (taken before the Redis read that produced the entry) makes the entry invalid, also when the
 * report arrives between that read and the entry's {@link #put}. Only entries whose dependencies all lie under a
 * tracked prefix are held: of other keys no change would be reported.
 * <p>
 * An entry is served only while every report sent before some moment less than the bound ago is known to have
 * arrived ({@link #confirm}: Redis answered a PING sent then, after the reports before it). So no entry is served
 * later than the bound after Redis took a change to it, however slow the reports: when they lag, reads go to Redis
 * until they catch up. Before tracking starts and after its connection is lost, nothing is served and everything
 * held is dropped. Each invalidation is remembered a little longer than any entry lives, so a forgotten
 * invalidation never revives an entry; if too many are remembered to keep, everything is dropped instead.
 */
final class NearCache {

    /** The moment before a Redis read: an entry made from that read is valid unless a dependency changed since. */
    record Mark(long sequence, long nanos) {
    }

    private record Entry(Object value, int weight, long sequence, String[] dependencies) {
    }

    private static final Mark UNUSABLE = new Mark(-1, 0);

    private final NearCacheConfig config;
    private final List<String> trackedPrefixes;
    private final Cache<String, Entry> entries;
    /** Key → the sequence number of its last reported change. */
    private final Cache<String, Long> invalidations;
    private final AtomicLong sequence = new AtomicLong();
    private final long maxLoadNanos;
    private final long boundNanos;
    private volatile long flushedAt;
    private volatile boolean live;
    /** Until when (System.nanoTime()) entries may be served: a confirmed moment plus the bound. */
    private volatile long servableUntil;
    private final MeterRegistry registry;
    private final Map<String, Counter> hits = new ConcurrentHashMap<>();
    private final Map<String, Counter> misses = new ConcurrentHashMap<>();

    NearCache(NearCacheConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.trackedPrefixes = config.trackedPrefixes().orElse(List.of());
        this.maxLoadNanos = config.maxLoad().toNanos();
        this.boundNanos = config.bound().toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.maxBytes())
                .weigher((String key, Entry entry) -> key.length() + entry.weight())
                .expireAfterWrite(config.maxAge().toNanos(), TimeUnit.NANOSECONDS)
                .build();
        this.invalidations = Caffeine.newBuilder()
                .maximumSize(config.maxInvalidations())
                .expireAfterWrite(config.maxAge().plus(config.maxLoad()).multipliedBy(2).toNanos(), TimeUnit.NANOSECONDS)
                .evictionListener((String key, Long at, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        flush();
                    }
                })
                .build();
        Gauge.builder("cache.near.live", () -> serving() ? 1 : 0)
                .description("1 while this replica serves from its near cache (Redis' change reports proven to arrive within "
                        + "the bound), 0 otherwise")
                .register(registry);
        Gauge.builder("cache.near.entries", entries, Cache::estimatedSize)
                .description("Entries held in this replica's near cache").register(registry);
    }

    boolean enabled() {
        return config.enabled() && !trackedPrefixes.isEmpty();
    }

    List<String> trackedPrefixes() {
        return trackedPrefixes;
    }

    /** The value held for {@code key} if it is still valid; null otherwise (then counted as a miss). */
    @SuppressWarnings("unchecked")
    <T> T get(String cacheName, String key) {
        if (!serving()) {
            return null;
        }
        Entry entry = entries.getIfPresent(key);
        if (entry != null && valid(entry.sequence(), entry.dependencies())) {
            count(hits, cacheName, "hit");
            return (T) entry.value();
        }
        count(misses, cacheName, "miss");
        return null;
    }

    /** To take before the Redis read whose answer may be {@link #put}. */
    Mark mark() {
        return live ? new Mark(sequence.get(), System.nanoTime()) : UNUSABLE;
    }

    /**
     * Holds {@code value}, about {@code weight} bytes, unless a dependency changed since {@code mark} (or the read
     * took too long to tell).
     */
    void put(String key, Mark mark, Object value, int weight, String... dependencies) {
        if (mark.sequence() < 0 || System.nanoTime() - mark.nanos() > maxLoadNanos || !tracked(dependencies)) {
            return;
        }
        if (valid(mark.sequence(), dependencies)) {
            entries.put(key, new Entry(value, weight, mark.sequence(), dependencies));
        }
    }

    /** A dependency changed: entries read from Redis before now that depend on it are no longer served. */
    void invalidate(String key) {
        invalidations.put(key, sequence.incrementAndGet());
        entries.invalidate(key);
    }

    /**
     * Change reports flow from now on; whatever was read before is not trusted. Nothing is served until the first
     * {@link #confirm}.
     */
    void start() {
        flush();
        live = true;
    }

    /** Every change report Redis sent before {@code sentAt} (System.nanoTime()) has been applied. */
    void confirm(long sentAt) {
        long until = sentAt + boundNanos;
        if (until - servableUntil > 0) {
            servableUntil = until;
        }
    }

    /** Change reports may be missed from now on: nothing is served until {@link #start}. */
    void stop() {
        live = false;
        servableUntil = System.nanoTime();
        flush();
    }

    /** Everything read from Redis before now is invalid. */
    void flush() {
        flushedAt = sequence.incrementAndGet();
        entries.invalidateAll();
    }

    private boolean serving() {
        return live && System.nanoTime() - servableUntil < 0;
    }

    private boolean valid(long entrySequence, String[] dependencies) {
        if (entrySequence < flushedAt) {
            return false;
        }
        for (String dependency : dependencies) {
            Long changedAt = invalidations.getIfPresent(dependency);
            if (changedAt != null && changedAt > entrySequence) {
                return false;
            }
        }
        return true;
    }

    private boolean tracked(String[] dependencies) {
        for (String dependency : dependencies) {
            if (trackedPrefixes.stream().noneMatch(dependency::startsWith)) {
                return false;
            }
        }
        return true;
    }

    private void count(Map<String, Counter> counters, String cacheName, String result) {
        counters.computeIfAbsent(cacheName, name -> Counter.builder("cache.near.gets")
                .description("Near-cache lookups by result; a miss goes on to Redis")
                .tag("cache", name).tag("result", result).register(registry)).increment();
    }
}
