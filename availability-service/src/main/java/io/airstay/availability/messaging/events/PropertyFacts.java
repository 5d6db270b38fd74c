package io.airstay.availability.messaging.events;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The listing facts availability keeps, from property.created / property.updated / property.deactivated. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PropertyFacts(BigDecimal basePrice, Integer minimumNights, Integer maximumNights, Boolean isActive) {
}
