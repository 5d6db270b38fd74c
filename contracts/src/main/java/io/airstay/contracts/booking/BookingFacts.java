package io.airstay.contracts.booking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of every booking-events type. {@code totalPrice} is set once the booking is priced (confirmed and
 * after); {@code previousStatus} is the status the change left (absent on booking.requested); {@code reason}
 * explains a rejection or cancellation. Fields that do not apply are left out.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
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
