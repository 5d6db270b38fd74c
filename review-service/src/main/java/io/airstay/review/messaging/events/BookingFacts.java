package io.airstay.review.messaging.events;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The part of booking-events that decides who may review which stay. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookingFacts(UUID bookingId, UUID guestId, LocalDate checkInDate, LocalDate checkOutDate) {
}
