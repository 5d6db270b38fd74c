package io.airstay.availability.messaging.events;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The listing facts availability keeps, from property.created / property.updated / property.deactivated. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PropertyFacts(BigDecimal basePrice, Integer minimumNights, Integer maximumNights, Boolean isActive) {
}
