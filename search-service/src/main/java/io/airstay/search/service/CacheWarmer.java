package io.airstay.search.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.airstay.search.config.SearchConfig;
import io.airstay.search.repository.PropertyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Pre-populates the cache: the first results page of each popular city and the details of the most
 * booked properties, at start and then periodically (entries already cached are only read, so a warm
 * run costs little). docs/architecture.md (Caching) explains the choice.
 */
@ApplicationScoped
public class CacheWarmer {

    private static final Logger LOG = Logger.getLogger(CacheWarmer.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final PropertyReader reader;
    private final PropertyRepository properties;
    private final SearchConfig config;

    public CacheWarmer(PropertyReader reader, PropertyRepository properties, SearchConfig config) {
        this.reader = reader;
        this.properties = properties;
        this.config = config;
    }

    @Scheduled(every = "${airstay.search.warm-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void warm() {
        for (String city : config.warmCities()) {
            reader.search(SearchCriteria.parse(city, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null)).await().atMost(READ_TIMEOUT);
        }
        for (UUID id : QuarkusTransaction.requiringNew().call(() -> properties.mostBookedIds(config.warmTopProperties()))) {
            reader.detail(id).await().atMost(READ_TIMEOUT);
        }
        LOG.debugf("Cache warmed: %d cities, up to %d properties", config.warmCities().size(), config.warmTopProperties());
    }
}
