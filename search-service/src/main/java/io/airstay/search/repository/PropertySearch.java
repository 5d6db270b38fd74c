package io.airstay.search.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A search as the database runs it: validated filters (null when absent; {@code city} lower-cased),
 * the order, the page window and, for keyset pages, the position the previous page ended at.
 */
public record PropertySearch(
        String city,
        String propertyType,
        Integer numGuests,
        Integer minBedrooms,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        LocalDate checkIn,
        LocalDate checkOut,
        Double latitude,
        Double longitude,
        Double radiusKm,
        SearchSort sort,
        int pageSize,
        int offset,
        KeysetPosition after) {

    /** Where the previous page ended, in the sort's key. */
    public record KeysetPosition(BigDecimal sortValue, UUID propertyId) {
    }

    public boolean hasDates() {
        return checkIn != null;
    }

    public boolean hasLocation() {
        return latitude != null;
    }
}
