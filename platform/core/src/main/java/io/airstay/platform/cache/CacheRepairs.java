package io.airstay.platform.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Post-commit cache writes that Redis did not take in time. Such a write is retried once in the background; if the
 * retry fails too, the key's repair (an eviction at the write's version, or the generation bump itself) is
 * remembered and run at once, then again after each failure backoff, until Redis takes it. Repairs are kept per key,
 * the highest version winning, and up to a bound: an outage costs memory in proportion to the keys written, not to
 * the writes. The outage is logged when repairs start waiting and when they are done, never per key.
 */
final class CacheRepairs {

    /** What makes a key right again without its document; of two repairs of one key, the higher version supersedes. */
    record Repair(long version, Supplier<Uni<?>> command) {

        Repair newest(Repair other) {
            return other.version > version ? other : this;
        }
    }

    private static final Logger LOG = Logger.getLogger(CacheRepairs.class);

    private final Map<String, Repair> pending = new ConcurrentHashMap<>();
    private final CacheConfig config;
    private final Vertx vertx;
    private final UnaryOperator<Uni<?>> timeout;
    private final Counter retried;
    private final Counter repaired;
    private final Counter dropped;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final AtomicBoolean full = new AtomicBoolean();

    /** {@code timeout} bounds a Redis command as every cache call is bounded. */
    CacheRepairs(CacheConfig config, MeterRegistry registry, Vertx vertx, UnaryOperator<Uni<?>> timeout) {
        this.config = config;
        this.vertx = vertx;
        this.timeout = timeout;
        this.retried = repairs(registry, "retried");
        this.repaired = repairs(registry, "repaired");
        this.dropped = repairs(registry, "dropped");
        Gauge.builder("cache.repairs.pending", pending, Map::size)
                .description("Keys whose repair waits for Redis to answer").register(registry);
    }

    /** Retries {@code write} without blocking the caller; if it fails again, {@code repair} waits for Redis. */
    void handOff(String key, Supplier<Uni<?>> write, Repair repair) {
        timeout.apply(write.get()).subscribe().with(written -> retried.increment(), failure -> {
            remember(key, repair);
            run();
        });
    }

    private void remember(String key, Repair repair) {
        if (pending.size() >= config.maxPendingRepairs() && !pending.containsKey(key)) {
            dropped.increment();
            if (full.compareAndSet(false, true)) {
                LOG.warnf("%d cache repairs already wait for Redis; further stale entries are left to their TTL",
                        pending.size());
            }
            return;
        }
        pending.merge(key, repair, Repair::newest);
    }

    /** One pass over the pending repairs, one after the other: the first failure ends it, and the next pass follows the backoff. */
    private void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        List<Map.Entry<String, Repair>> batch = List.copyOf(pending.entrySet());
        Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(entry -> timeout.apply(entry.getValue().command().get()).invoke(() -> {
                    // A newer repair of the key, remembered meanwhile, stays for the next pass.
                    if (pending.remove(entry.getKey(), entry.getValue())) {
                        repaired.increment();
                    }
                }))
                .collect().last()
                .subscribe().with(done -> passed(), this::failed);
    }

    private void passed() {
        running.set(false);
        if (!pending.isEmpty()) {
            run(); // remembered during the pass
            return;
        }
        full.set(false);
        if (waiting.compareAndSet(true, false)) {
            LOG.info("Redis answers again: every cache repair that waited for it is done");
        }
    }

    private void failed(Throwable failure) {
        running.set(false);
        if (waiting.compareAndSet(false, true)) {
            LOG.warnf("Redis took neither some cache writes nor their evictions (%s); the repairs wait in memory, retried every %s"
                    + " until it answers", failure.toString(), config.failureBackoff());
        }
        if (scheduled.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(config.failureBackoff().toMillis(), 1), timer -> {
                scheduled.set(false);
                run();
            });
        }
    }

    private static Counter repairs(MeterRegistry registry, String result) {
        return Counter.builder("cache.repairs")
                .description("Post-commit cache writes Redis did not take at first: retried = the retry took; repaired = the"
                        + " key was evicted (or its generation bumped) later; dropped = too many repairs waited, left to the TTL")
                .tag("result", result).register(registry);
    }
}
