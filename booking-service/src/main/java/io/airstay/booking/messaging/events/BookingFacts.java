package io.airstay.booking.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of every booking-events event (booking.requested, .confirmed, .rejected, .canceled,
 * .completed); fields that do not apply to a type are left out.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingFacts(
        UUID bookingId,
        UUID guestId,
        LocalDate checkInDate,
        LocalDate checkOutDate,
        Integer numGuests,
        BigDecimal totalPrice,
        String previousStatus,
        String reason) {
}
