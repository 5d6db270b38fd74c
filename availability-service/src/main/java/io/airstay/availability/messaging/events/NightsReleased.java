package io.airstay.availability.messaging.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** availability.released: the nights the booking held are free again. */
public record NightsReleased(UUID bookingId, List<LocalDate> releasedDates) {
}
