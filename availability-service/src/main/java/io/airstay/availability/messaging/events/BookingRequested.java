package io.airstay.availability.messaging.events;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** booking.requested: hold the nights [check_in_date, check_out_date) for the booking. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookingRequested(UUID bookingId, LocalDate checkInDate, LocalDate checkOutDate) {
}
