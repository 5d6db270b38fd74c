package io.airstay.search.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.search.config.SearchConfig;
import io.airstay.search.repository.GoldRepository;
import io.airstay.search.repository.GoldRepository.PopularSearch;
import io.airstay.search.repository.PropertyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Pre-populates the cache, at start and then periodically (entries already cached are only read, so a warm run costs
 * little): the first results page of the searches and the details of the listings that the last analytics run ranked
 * most popular (gold.popular_searches, gold.popular_listings), from the demand guests showed. Before a run has
 * ranked any, the first page of each configured city and the details of the most booked listings.
 * docs/architecture.md (Caching) explains the choice.
 */
@ApplicationScoped
public class CacheWarmer {

    private static final Logger LOG = Logger.getLogger(CacheWarmer.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final PropertyReader reader;
    private final PropertyRepository properties;
    private final GoldRepository gold;
    private final SearchConfig config;

    public CacheWarmer(PropertyReader reader, PropertyRepository properties, GoldRepository gold, SearchConfig config) {
        this.reader = reader;
        this.properties = properties;
        this.gold = gold;
        this.config = config;
    }

    @Scheduled(every = "${airstay.search.warm-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void warm() {
        List<PopularSearch> popular = gold.popularSearches(config.warmTopSearches());
        if (popular.isEmpty()) {
            popular = config.warmCities().stream().map(city -> new PopularSearch(city, 0, 0, PriceBand.ANY.label())).toList();
        }
        List<SearchCriteria> searches = popular.stream().flatMap(search -> criteria(search).stream()).toList();
        for (SearchCriteria search : searches) {
            reader.search(search).await().atMost(READ_TIMEOUT);
        }
        List<UUID> ids = gold.popularListings(config.warmTopProperties());
        if (ids.isEmpty()) {
            ids = QuarkusTransaction.requiringNew().call(() -> properties.mostBookedIds(config.warmTopProperties()));
        }
        for (UUID id : ids) {
            reader.detail(id).await().atMost(READ_TIMEOUT);
        }
        LOG.debugf("Cache warmed: %d searches, %d properties", searches.size(), ids.size());
    }

    /**
     * The first page a guest gets for the search ('' / 0 / 'any' stand for a filter the search did not set); empty for
     * a search the API would refuse.
     */
    private static Optional<SearchCriteria> criteria(PopularSearch search) {
        PriceBand band = PriceBand.ofLabel(search.priceBand());
        try {
            return Optional.of(SearchCriteria.parse(search.city(), null, search.guests() == 0 ? null : Integer.toString(search.guests()),
                    search.bedrooms() == 0 ? null : Integer.toString(search.bedrooms()), band.minPrice(), band.maxPrice(), null,
                    null, null, null, null, null, null, null, null));
        } catch (InvalidFieldException e) {
            LOG.debugf("Not warming a popular search the API would refuse: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
