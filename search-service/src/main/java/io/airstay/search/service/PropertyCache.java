package io.airstay.search.service;

import java.util.ArrayList;
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
import io.airstay.search.model.Property;
import io.airstay.search.repository.PropertySearch;
import io.airstay.search.repository.ReadReplica;
import io.smallrye.mutiny.Uni;

/**
 * search-service's cache layout (docs/architecture.md, Caching):
 * <ul>
 * <li>{@code v1:property:versioned:{id}}: property detail, static tier, rewritten after each committed change with the
 * listing's version, so that an older detail never replaces a newer one;</li>
 * <li>{@code v1:api:search:{city}:{bedrooms}:g{generations}:{hash}}: a results page, dynamic tier.
 * A property change bumps the properties generation of its city and of "any city" ({@code _});
 * an availability change bumps only the availability generation, which only date searches use.</li>
 * </ul>
 */
@ApplicationScoped
public class PropertyCache {

    static final String ANY_CITY = "_";

    private final JsonCache cache;
    private final PropertyQueries queries;
    private final ReadReplica replica;

    public PropertyCache(JsonCache cache, PropertyQueries queries, ReadReplica replica) {
        this.cache = cache;
        this.queries = queries;
        this.replica = replica;
    }

    public Uni<Optional<JsonBody>> detail(UUID id, Supplier<VersionedDocument> loader) {
        return cache.get("property", detailKey(id), CacheTier.STATIC, loader);
    }

    public Uni<JsonBody> search(SearchCriteria criteria, Supplier<String> loader) {
        PropertySearch search = criteria.search();
        String city = cityKey(search.city());
        List<String> generations = search.hasDates()
                ? List.of(propertiesGeneration(city), availabilityGeneration(city))
                : List.of(propertiesGeneration(city));
        String bedrooms = search.minBedrooms() == null ? "_" : search.minBedrooms().toString();
        String prefix = CacheKeys.key("api", "search", city, bedrooms, "g");
        String suffix = ":" + CacheKeys.hash(criteria.canonicalRest());
        return cache.getGenerational("search", generations, prefix, suffix, CacheTier.DYNAMIC, () -> Optional.of(loader.get()))
                .map(Optional::orElseThrow);
    }

    /** After commit: the listing's detail is replaced (or marked absent) and searches that could show it are retired. */
    public void propertyChanged(Property property, String previousCity) {
        refreshDetail(property);
        List<String> generations = new ArrayList<>(List.of(propertiesGeneration(cityKey(property.city)),
                propertiesGeneration(ANY_CITY)));
        if (previousCity != null && !cityKey(previousCity).equals(cityKey(property.city))) {
            generations.add(propertiesGeneration(cityKey(previousCity)));
        }
        retireSearches(generations);
    }

    /**
     * After commit: the detail shows new figures that search results do not carry (e.g. the booking count).
     * {@code property} must stand as committed, with the version its change gave it.
     */
    public void refreshDetail(Property property) {
        cache.putAfterCommit(detailKey(property.id), queries.detailDocument(property), CacheTier.STATIC);
    }

    /** After commit: date searches of the listing's city (and of any city) are retired. */
    public void availabilityChanged(String city) {
        retireSearches(List.of(availabilityGeneration(cityKey(city)), availabilityGeneration(ANY_CITY)));
    }

    /**
     * Bumps the generations after commit, once the read replica has the commit: a search read again under the new
     * generation sees the change, where one read from a replica that lags would keep the page without it for its TTL.
     */
    private void retireSearches(List<String> generations) {
        replica.afterReplayed(() -> generations.forEach(cache::bumpGenerationAfterCommit));
    }

    /**
     * Versioned entries have keys of their own: during a rolling update, replicas of a release before the versions
     * keep reading and writing {@code v1:property:{id}}, and must not read a version header as part of the body.
     */
    static String detailKey(UUID id) {
        return CacheKeys.key("property", "versioned", id);
    }

    static String propertiesGeneration(String cityKey) {
        return CacheKeys.key("gen", "search", cityKey);
    }

    static String availabilityGeneration(String cityKey) {
        return CacheKeys.key("gen", "search-dates", cityKey);
    }

    static String cityKey(String city) {
        return city == null ? ANY_CITY : city.trim().toLowerCase(Locale.ROOT);
    }
}
