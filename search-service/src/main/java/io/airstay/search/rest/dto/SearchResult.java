package io.airstay.search.rest.dto;

import java.math.BigDecimal;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One listing in search results (fields of the earlier implementation). */
@RegisterForReflection
public record SearchResult(
        UUID propertyId,
        Long listingId,
        String title,
        String propertyType,
        String city,
        String neighborhood,
        int bedrooms,
        BigDecimal bathrooms,
        int maxGuests,
        BigDecimal basePrice,
        int amenitiesCount,
        BigDecimal rating,
        int reviewCount,
        String primaryImage,
        Double distanceKm) {
}
