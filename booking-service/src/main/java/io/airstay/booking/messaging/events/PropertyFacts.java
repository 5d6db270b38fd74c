package io.airstay.booking.messaging.events;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The listing facts booking keeps, from property-events. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PropertyFacts(Integer maxGuests, Integer minimumNights, Integer maximumNights, BigDecimal basePrice,
        BigDecimal cleaningFee, Boolean isActive) {
}
