package io.airstay.availability.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.airstay.platform.cache.CacheKeys;
import io.airstay.platform.cache.CacheTier;
import io.airstay.platform.cache.JsonCache;
import io.smallrye.mutiny.Uni;

/**
 * Calendar ranges in Redis at the semi-static tier: {@code v1:availability:{id}:g{generation}:{start}:{end}}.
 * Any change to any night of a listing bumps its generation after commit, retiring all its ranges at once.
 */
@ApplicationScoped
public class AvailabilityCache {

    private final JsonCache cache;

    public AvailabilityCache(JsonCache cache) {
        this.cache = cache;
    }

    public Uni<Optional<String>> range(UUID propertyId, LocalDate start, LocalDate end, Supplier<Optional<String>> loader) {
        return cache.getGenerational("availability", List.of(generationKey(propertyId)),
                CacheKeys.key("availability", propertyId, "g"), ":" + start + ":" + end, CacheTier.SEMI_STATIC, loader);
    }

    public void calendarChanged(UUID propertyId) {
        cache.bumpGenerationAfterCommit(generationKey(propertyId));
    }

    private static String generationKey(UUID propertyId) {
        return CacheKeys.key("gen", "availability", propertyId);
    }
}
