package io.airstay.search.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.airstay.platform.cache.CacheKeys;
import io.airstay.platform.cache.CacheTier;
import io.airstay.platform.cache.JsonBody;
import io.airstay.platform.cache.JsonCache;
import io.airstay.platform.cache.VersionedDocument;
import io.airstay.platform.json.JsonDocuments;
import io.airstay.platform.problem.AccessDeniedException;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.airstay.search.mapping.StatsMapper;
import io.airstay.search.repository.GoldMonth;
import io.airstay.search.repository.GoldRepository;
import io.airstay.search.repository.GoldRepository.GoldFigures;
import io.airstay.search.repository.GoldRun;
import io.airstay.search.repository.PropertyRepository;
import io.airstay.search.rest.dto.ListingMonth;
import io.airstay.search.rest.dto.ListingStats;
import io.airstay.search.rest.dto.MarketMonth;
import io.airstay.search.rest.dto.MarketStats;
import io.airstay.search.rest.dto.MarketTotals;
import io.airstay.search.rest.dto.StatsRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The analytics results, as the statistics endpoints serve them: from the near cache and Redis, from the gold tables
 * on a miss. Keys embed the newest run this replica knows of ({@link GoldRuns}):
 * {@code v1:stats:listing:r{run}:{id}:{from}:{to}} and {@code v1:stats:market:r{run}:{from}:{to}:{city}}. A new run
 * makes new keys; entries of older runs are no longer read and expire (static tier: runs are nightly).
 */
@ApplicationScoped
public class StatsReader {

    private final JsonCache cache;
    private final GoldRuns runs;
    private final GoldRepository gold;
    private final PropertyRepository properties;
    private final JsonDocuments json;

    public StatsReader(JsonCache cache, GoldRuns runs, GoldRepository gold, PropertyRepository properties, JsonDocuments json) {
        this.cache = cache;
        this.runs = runs;
        this.gold = gold;
        this.properties = properties;
        this.json = json;
    }

    /** The listing's statistics, for {@code caller} who must be its host; 404 for an unknown listing. */
    public Uni<JsonBody> listing(UUID propertyId, UUID caller, StatsRange range) {
        return onWorker(() -> requireHost(propertyId, caller)).chain(ignored -> {
            long run = runs.latest();
            String key = CacheKeys.key("stats", "listing", "r" + run, propertyId, range.key());
            return cache.get("stats", key, CacheTier.STATIC, () -> listingDocument(propertyId, range))
                    .map(Optional::orElseThrow);
        });
    }

    /** The city's statistics (any case); 404 when the analytics results do not know the city. */
    public Uni<JsonBody> market(String city, StatsRange range) {
        String lowerCity = city.trim().toLowerCase(Locale.ROOT);
        long run = runs.latest();
        String key = CacheKeys.key("stats", "market", "r" + run, range.key(), lowerCity);
        return cache.get("stats", key, CacheTier.STATIC, () -> marketDocument(lowerCity, range))
                .map(body -> body.orElseThrow(() -> new ResourceNotFoundException("No statistics for city " + city.trim())));
    }

    private Void requireHost(UUID propertyId, UUID caller) {
        UUID host = QuarkusTransaction.requiringNew().call(() -> properties.hostOf(propertyId))
                .orElseThrow(() -> new ResourceNotFoundException("Property " + propertyId + " not found"));
        if (!host.equals(caller)) {
            throw new AccessDeniedException("Property " + propertyId + " is another host's listing");
        }
        return null;
    }

    private VersionedDocument listingDocument(UUID propertyId, StatsRange range) {
        GoldFigures figures = gold.listingMonths(propertyId, range.from().atDay(1), range.to().atDay(1));
        List<GoldMonth> months = StatsMapper.everyMonth(range.from(), range.to(), figures.months());
        ListingStats stats = new ListingStats(propertyId, range.from().toString(), range.to().toString(), run(figures),
                months.stream().map(m -> new ListingMonth(StatsMapper.month(m), StatsMapper.stays(m))).toList(),
                StatsMapper.stays(StatsMapper.combine(null, months)));
        return VersionedDocument.of(version(figures), json.write(stats));
    }

    private VersionedDocument marketDocument(String lowerCity, StatsRange range) {
        Optional<String> spelling = gold.citySpelling(lowerCity);
        GoldFigures figures = gold.cityMonths(lowerCity, range.from().atDay(1), range.to().atDay(1));
        if (spelling.isEmpty()) {
            return VersionedDocument.absent(version(figures));
        }
        List<GoldMonth> months = StatsMapper.everyMonth(range.from(), range.to(), figures.months());
        GoldMonth total = StatsMapper.combine(null, months);
        MarketStats stats = new MarketStats(spelling.get(), range.from().toString(), range.to().toString(), run(figures),
                months.stream().map(m -> new MarketMonth(StatsMapper.month(m), m.listings(), StatsMapper.stays(m),
                        StatsMapper.reviews(m))).toList(),
                new MarketTotals(StatsMapper.stays(total), StatsMapper.reviews(total)));
        return VersionedDocument.of(version(figures), json.write(stats));
    }

    private static StatsRun run(GoldFigures figures) {
        GoldRun run = figures.run();
        return run == null ? null : new StatsRun(run.runId(), run.finishedAt());
    }

    /** A document is as new as the run it was read with: an entry of a later run is never replaced by an earlier one. */
    private static long version(GoldFigures figures) {
        return figures.run() == null ? 0 : figures.run().runId();
    }

    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
