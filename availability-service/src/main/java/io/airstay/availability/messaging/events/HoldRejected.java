package io.airstay.availability.messaging.events;

import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** availability.rejected: no night was held; {@code reason} is one of {@link Reason}. */
@RegisterForReflection
public record HoldRejected(UUID bookingId, LocalDate checkInDate, LocalDate checkOutDate, Reason reason, String detail) {

    @RegisterForReflection
    public enum Reason {
        TAKEN, BLOCKED, OUTSIDE_HORIZON, LISTING_INACTIVE, UNKNOWN_LISTING, BELOW_MINIMUM_NIGHTS, ABOVE_MAXIMUM_NIGHTS,
        INVALID_DATES
    }
}
