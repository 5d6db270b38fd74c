package io.airstay.search.service;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.airstay.search.repository.DemandRepository;
import io.airstay.search.repository.DemandRepository.SearchKey;
import io.airstay.search.repository.DemandRepository.ViewKey;
import io.airstay.search.repository.PropertySearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Counts what guests ask for, per UTC day: listing detail views, and searches by city, guests, bedrooms and price band
 * ({@link PriceBand}). A request only increments a counter in this replica's memory (no I/O, no lock once the day's key
 * exists); every {@code demand-flush-every}, and when the service stops, the counts since the last flush are added
 * to the daily rows. A flush that fails keeps its counts for the next one.
 */
@ApplicationScoped
public class DemandCounters {

    private static final Logger LOG = Logger.getLogger(DemandCounters.class);
    /** Distinct keys held per kind (about two days' worth); beyond it, new keys are not counted. */
    static final int MAX_KEYS = 200_000;

    /** What was counted, and how much of it the daily rows already hold (written by the flush only). */
    private static final class Count {
        final LongAdder counted = new LongAdder();
        long written;
    }

    private final DemandRepository repository;
    private final int maxKeys;
    private final Map<ViewKey, Count> views = new ConcurrentHashMap<>();
    private final Map<SearchKey, Count> searches = new ConcurrentHashMap<>();
    private final Counter flushed;
    private final Counter failed;

    @Inject
    public DemandCounters(DemandRepository repository, MeterRegistry registry) {
        this(repository, registry, MAX_KEYS);
    }

    DemandCounters(DemandRepository repository, MeterRegistry registry, int maxKeys) {
        this.repository = repository;
        this.maxKeys = maxKeys;
        this.flushed = flushes(registry, "added");
        this.failed = flushes(registry, "failed");
    }

    private static Counter flushes(MeterRegistry registry, String result) {
        return Counter.builder("airstay.demand.flushes")
                .description("Flushes of the demand counts to the daily counters, by result (failed: kept for the next)")
                .tag("result", result).register(registry);
    }

    /** A guest saw the listing's detail. */
    public void viewed(UUID propertyId) {
        count(views, new ViewKey(propertyId, today()), maxKeys);
    }

    /** A guest searched: counted at the first page only, as following pages are the same demand. */
    public void searched(SearchCriteria criteria) {
        if (criteria.cursor() != null || criteria.page() != 1) {
            return;
        }
        PropertySearch search = criteria.search();
        count(searches, new SearchKey(today(), search.city() == null ? "" : search.city(), orZero(search.numGuests()),
                orZero(search.minBedrooms()), PriceBand.of(search.minPrice(), search.maxPrice()).label()), maxKeys);
    }

    @Scheduled(every = "${airstay.search.demand-flush-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void flush() {
        SortedMap<ViewKey, Long> newViews = unwritten(views);
        SortedMap<SearchKey, Long> newSearches = unwritten(searches);
        if (!newViews.isEmpty() || !newSearches.isEmpty()) {
            try {
                repository.add(newViews, newSearches);
                written(views, newViews);
                written(searches, newSearches);
                flushed.increment();
            } catch (SQLException | RuntimeException e) {
                failed.increment();
                LOG.warnf("Could not add the demand counts, kept for the next flush: %s", e.getMessage());
            }
        }
        // Nobody counts on a day before yesterday any more: its written counts are done.
        LocalDate done = today().minusDays(1);
        forget(views, ViewKey::day, done);
        forget(searches, SearchKey::day, done);
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }

    private static <K> void count(Map<K, Count> counts, K key, int maxKeys) {
        Count count = counts.get(key);
        if (count == null) {
            // a client inventing cities must not grow this map (and the daily rows) without end
            if (counts.size() >= maxKeys) {
                return;
            }
            count = counts.computeIfAbsent(key, k -> new Count());
        }
        count.counted.increment();
    }

    private static <K extends Comparable<K>> SortedMap<K, Long> unwritten(Map<K, Count> counts) {
        SortedMap<K, Long> unwritten = new TreeMap<>();
        counts.forEach((key, count) -> {
            long more = count.counted.sum() - count.written;
            if (more > 0) {
                unwritten.put(key, more);
            }
        });
        return unwritten;
    }

    private static <K> void written(Map<K, Count> counts, Map<K, Long> added) {
        added.forEach((key, more) -> counts.get(key).written += more);
    }

    private static <K> void forget(Map<K, Count> counts, Function<K, LocalDate> day, LocalDate done) {
        counts.entrySet().removeIf(entry -> day.apply(entry.getKey()).isBefore(done)
                && entry.getValue().counted.sum() == entry.getValue().written);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
