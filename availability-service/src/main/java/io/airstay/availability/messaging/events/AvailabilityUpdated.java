package io.airstay.availability.messaging.events;

import java.time.LocalDate;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * availability.updated: within [start_date, end_date), exactly {@code unavailable_dates} cannot be
 * booked now. The window's whole state, so consumers can apply it again harmlessly.
 */
@RegisterForReflection
public record AvailabilityUpdated(LocalDate startDate, LocalDate endDate, List<LocalDate> unavailableDates) {
}
