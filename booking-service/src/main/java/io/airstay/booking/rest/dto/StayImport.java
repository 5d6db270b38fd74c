package io.airstay.booking.rest.dto;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A past stay brought in by an operator (migration, demo data): it is recorded as COMPLETED. {@code bookedAt}, when the
 * guest booked it, optional: without it the stay counts as booked when it is imported.
 */
public record StayImport(
        @NotNull UUID propertyId,
        @NotNull UUID guestId,
        @NotNull LocalDate checkInDate,
        @NotNull LocalDate checkOutDate,
        @NotNull @Min(1) @Max(50) Integer numGuests,
        Instant bookedAt) {
}
