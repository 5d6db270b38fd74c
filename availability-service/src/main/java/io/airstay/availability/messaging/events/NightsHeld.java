package io.airstay.availability.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** availability.held: every night of the stay is held for the booking, at these prices. */
@RegisterForReflection
public record NightsHeld(UUID bookingId, LocalDate checkInDate, LocalDate checkOutDate, List<NightPrice> nights,
        BigDecimal nightlyTotal) {

    @RegisterForReflection
    public record NightPrice(LocalDate date, BigDecimal price) {
    }
}
