package io.airstay.review.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.airstay.platform.cache.CacheKeys;
import io.airstay.platform.cache.CacheTier;
import io.airstay.platform.cache.JsonBody;
import io.airstay.platform.cache.JsonCache;
import io.smallrye.mutiny.Uni;

/**
 * Review pages and summaries in Redis (dynamic tier) under {@code v1:reviews:{property}:g{generation}:...};
 * a new review bumps the listing's generation after commit, retiring both at once.
 */
@ApplicationScoped
public class ReviewCache {

    private final JsonCache cache;

    public ReviewCache(JsonCache cache) {
        this.cache = cache;
    }

    public Uni<JsonBody> page(UUID propertyId, int pageSize, String cursor, Supplier<String> loader) {
        return get("reviews", propertyId, ":page:" + pageSize + ":" + (cursor == null ? "first" : cursor), loader);
    }

    public Uni<JsonBody> summary(UUID propertyId, Supplier<String> loader) {
        return get("review-summary", propertyId, ":summary", loader);
    }

    public void reviewAdded(UUID propertyId) {
        cache.bumpGenerationAfterCommit(generationKey(propertyId));
    }

    private Uni<JsonBody> get(String cacheName, UUID propertyId, String suffix, Supplier<String> loader) {
        return cache.getGenerational(cacheName, List.of(generationKey(propertyId)), CacheKeys.key("reviews", propertyId, "g"),
                suffix, CacheTier.DYNAMIC, () -> Optional.of(loader.get())).map(Optional::orElseThrow);
    }

    private static String generationKey(UUID propertyId) {
        return CacheKeys.key("gen", "reviews", propertyId);
    }
}
