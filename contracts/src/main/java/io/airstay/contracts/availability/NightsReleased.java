package io.airstay.contracts.availability;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** availability.released: the nights the booking held are free again. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record NightsReleased(UUID bookingId, List<LocalDate> releasedDates) {
}
