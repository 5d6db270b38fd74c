package io.airstay.booking.rest.dto;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** POST /api/v1/bookings. Rules that need the listing (guests, nights, dates) are checked by the service. */
public record BookingRequest(
        @NotNull UUID propertyId,
        @NotNull UUID guestId,
        @NotNull LocalDate checkInDate,
        @NotNull LocalDate checkOutDate,
        @NotNull @Min(1) @Max(50) Integer numGuests,
        @Size(max = 2_000) String specialRequests) {
}
