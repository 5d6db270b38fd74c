package io.airstay.search.repository;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One row of a search as the database returns it: {@code rating} is 0 while the property has no
 * reviews, {@code distanceKm} is null unless the search has a location, and {@code sortValue} is the
 * row's value in the search's order, which the next page's cursor starts after.
 */
public record SearchHit(
        UUID propertyId,
        long numericId,
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
        Double distanceKm,
        BigDecimal sortValue) {
}
