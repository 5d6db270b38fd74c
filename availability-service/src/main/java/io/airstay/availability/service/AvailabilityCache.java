package io.airstay.availability.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.airstay.availability.mapping.CalendarSnapshot;
import io.airstay.platform.cache.CacheKeys;
import io.airstay.platform.cache.CacheTier;
import io.airstay.platform.cache.JsonCache;
import io.airstay.platform.json.JsonDocuments;
import io.smallrye.mutiny.Uni;

/**
 * Calendar snapshots (see {@link CalendarSnapshot}) in Redis at the semi-static tier:
 * {@code v1:availability:{id}:g{generation}}. Any change to any night of a listing bumps its generation
 * after commit, retiring its snapshot.
 */
@ApplicationScoped
public class AvailabilityCache {

    private final JsonCache cache;
    private final JsonDocuments json;

    public AvailabilityCache(JsonCache cache, JsonDocuments json) {
        this.cache = cache;
        this.json = json;
    }

    /** The listing's snapshot; empty when there is no such listing (absence is cached too). */
    public Uni<Optional<CalendarSnapshot>> snapshot(UUID propertyId, Supplier<Optional<String>> loader) {
        return cache.getGenerational("availability", List.of(generationKey(propertyId)),
                CacheKeys.key("availability", propertyId, "g"), "", CacheTier.SEMI_STATIC, loader,
                document -> json.read(document.json(), CalendarSnapshot.class));
    }

    public void calendarChanged(UUID propertyId) {
        cache.bumpGenerationAfterCommit(generationKey(propertyId));
    }

    private static String generationKey(UUID propertyId) {
        return CacheKeys.key("gen", "availability", propertyId);
    }
}
