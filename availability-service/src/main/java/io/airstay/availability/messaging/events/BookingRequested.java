package io.airstay.availability.messaging.events;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** booking.requested: hold the nights [check_in_date, check_out_date) for the booking. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookingRequested(UUID bookingId, LocalDate checkInDate, LocalDate checkOutDate) {
}
