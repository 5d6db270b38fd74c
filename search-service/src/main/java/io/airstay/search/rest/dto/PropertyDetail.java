package io.airstay.search.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Listing detail (GET /api/v1/properties/{id}). {@code rating} is null until the first review. */
@RegisterForReflection
public record PropertyDetail(
        UUID propertyId,
        Long listingId,
        UUID hostId,
        String propertyType,
        String title,
        String description,
        int bedrooms,
        BigDecimal bathrooms,
        int beds,
        int maxGuests,
        BigDecimal basePrice,
        BigDecimal cleaningFee,
        List<String> amenities,
        String houseRules,
        String locationAddress,
        String locationCity,
        String locationState,
        String locationCountry,
        String locationZipcode,
        String neighborhood,
        double latitude,
        double longitude,
        List<String> propertyImages,
        boolean instantBookable,
        int minimumNights,
        int maximumNights,
        String cancellationPolicy,
        boolean hostIsSuperhost,
        BigDecimal rating,
        int reviewCount,
        int bookingCount,
        boolean isActive,
        Instant createdAt,
        Instant updatedAt) {
}
