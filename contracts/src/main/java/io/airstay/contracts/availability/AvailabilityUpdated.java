package io.airstay.contracts.availability;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * availability.updated: within [start_date, end_date), exactly {@code unavailable_dates} cannot be booked now.
 * It carries the window's whole state, not a delta, so applying it again is harmless.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AvailabilityUpdated(LocalDate startDate, LocalDate endDate, List<LocalDate> unavailableDates) {
}
