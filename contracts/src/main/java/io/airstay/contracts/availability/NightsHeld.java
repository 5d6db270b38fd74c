package io.airstay.contracts.availability;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** availability.held: every night of the stay [check_in_date, check_out_date) is held for the booking, at these prices. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record NightsHeld(UUID bookingId, LocalDate checkInDate, LocalDate checkOutDate, List<NightPrice> nights,
        BigDecimal nightlyTotal) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NightPrice(LocalDate date, BigDecimal price) {
    }
}
