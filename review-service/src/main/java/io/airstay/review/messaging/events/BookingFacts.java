package io.airstay.review.messaging.events;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of booking-events that decides who may review which stay. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookingFacts(UUID bookingId, UUID guestId, LocalDate checkInDate, LocalDate checkOutDate) {
}
