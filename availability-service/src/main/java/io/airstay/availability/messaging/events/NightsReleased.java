package io.airstay.availability.messaging.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** availability.released: the nights the booking held are free again. */
@RegisterForReflection
public record NightsReleased(UUID bookingId, List<LocalDate> releasedDates) {
}
