package io.airstay.availability.repository;

import java.time.LocalDate;
import java.util.UUID;

/** The nights [checkIn, checkOut) of a listing that a booking asks for. */
public record Stay(UUID propertyId, UUID bookingId, LocalDate checkIn, LocalDate checkOut) {
}
