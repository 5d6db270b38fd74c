package io.airstay.search.messaging.events;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of availability.updated: within the window [start_date, end_date), exactly
 * {@code unavailable_dates} cannot be booked now. Carrying the window's whole state (not a delta)
 * makes applying it again harmless.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AvailabilityUpdated(LocalDate startDate, LocalDate endDate, List<LocalDate> unavailableDates) {
}
