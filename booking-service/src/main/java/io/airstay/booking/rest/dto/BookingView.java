package io.airstay.booking.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A booking as the API shows it (fields of the earlier implementation). Prices are set once confirmed. */
@RegisterForReflection
public record BookingView(
        UUID bookingId,
        UUID propertyId,
        UUID guestId,
        LocalDate checkInDate,
        LocalDate checkOutDate,
        Integer nights,
        int numGuests,
        BigDecimal basePrice,
        BigDecimal cleaningFee,
        BigDecimal serviceFee,
        BigDecimal totalPrice,
        String bookingStatus,
        String specialRequests,
        Instant createdAt,
        Instant confirmedAt,
        Instant canceledAt,
        String cancellationReason,
        String rejectionReason) {
}
