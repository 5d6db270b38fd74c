package io.airstay.search.rest.dto;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One listing in search results. */
@RegisterForReflection
public record SearchResult(
        UUID propertyId,
        Long listingId,
        String title,
        String propertyType,
        String city,
        @Schema(nullable = true) String neighborhood,
        int bedrooms,
        BigDecimal bathrooms,
        int maxGuests,
        BigDecimal basePrice,
        int amenitiesCount,
        @Schema(nullable = true) BigDecimal rating,
        int reviewCount,
        @Schema(nullable = true) String primaryImage,
        @Schema(nullable = true, description = "Kilometres from latitude/longitude, when the search gave them") Double distanceKm) {
}
