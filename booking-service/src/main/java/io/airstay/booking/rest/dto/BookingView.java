package io.airstay.booking.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A booking as the API shows it. Prices are set once confirmed. */
@RegisterForReflection
public record BookingView(
        UUID bookingId,
        UUID propertyId,
        UUID guestId,
        LocalDate checkInDate,
        LocalDate checkOutDate,
        @Schema(nullable = true) Integer nights,
        int numGuests,
        @Schema(nullable = true, description = "Set once confirmed, as are the other prices") BigDecimal basePrice,
        @Schema(nullable = true) BigDecimal cleaningFee,
        @Schema(nullable = true) BigDecimal serviceFee,
        @Schema(nullable = true) BigDecimal totalPrice,
        @Schema(enumeration = { "PENDING", "CONFIRMED", "REJECTED", "CANCELED", "COMPLETED", "EXPIRED" }) String bookingStatus,
        @Schema(nullable = true) String specialRequests,
        Instant createdAt,
        @Schema(nullable = true) Instant confirmedAt,
        @Schema(nullable = true) Instant canceledAt,
        @Schema(nullable = true) String cancellationReason,
        @Schema(nullable = true, description = "Set when canceled: the user who canceled") UUID canceledBy,
        @Schema(nullable = true, description = "Set when canceled: the role canceled_by canceled in, guest or host") String canceledByRole,
        @Schema(nullable = true) String rejectionReason,
        @Schema(nullable = true, description = "Set when the booking expired: still pending at its deadline") Instant expiredAt) {
}
