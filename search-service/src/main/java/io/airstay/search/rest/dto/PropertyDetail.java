package io.airstay.search.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Listing detail (GET /api/v1/properties/{id}). {@code rating} is null until the first review. */
@RegisterForReflection
public record PropertyDetail(
        UUID propertyId,
        Long listingId,
        UUID hostId,
        String propertyType,
        String title,
        @Schema(nullable = true) String description,
        int bedrooms,
        BigDecimal bathrooms,
        int beds,
        int maxGuests,
        BigDecimal basePrice,
        BigDecimal cleaningFee,
        List<String> amenities,
        @Schema(nullable = true) String houseRules,
        @Schema(nullable = true) String locationAddress,
        String locationCity,
        @Schema(nullable = true) String locationState,
        String locationCountry,
        @Schema(nullable = true) String locationZipcode,
        @Schema(nullable = true) String neighborhood,
        double latitude,
        double longitude,
        List<String> propertyImages,
        boolean instantBookable,
        int minimumNights,
        int maximumNights,
        String cancellationPolicy,
        boolean hostIsSuperhost,
        @Schema(nullable = true) BigDecimal rating,
        int reviewCount,
        int bookingCount,
        boolean isActive,
        Instant createdAt,
        Instant updatedAt) {
}
