package io.airstay.availability.messaging.events;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** booking.canceled or booking.rejected: whatever nights the booking holds are free again. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookingEnded(UUID bookingId) {
}
