package io.airstay.search.messaging.events;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The part of booking.confirmed / booking.canceled that search keeps. {@code previousStatus} of a
 * cancellation tells whether the booking had been counted.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookingChanged(UUID bookingId, String previousStatus) {
}
