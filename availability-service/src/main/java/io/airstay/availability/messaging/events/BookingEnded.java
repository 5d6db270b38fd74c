package io.airstay.availability.messaging.events;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** booking.canceled or booking.rejected: whatever nights the booking holds are free again. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookingEnded(UUID bookingId) {
}
