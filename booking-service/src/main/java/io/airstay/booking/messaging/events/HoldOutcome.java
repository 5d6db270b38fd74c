package io.airstay.booking.messaging.events;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The part of availability.held / availability.rejected the saga needs. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record HoldOutcome(UUID bookingId, BigDecimal nightlyTotal, String reason, String detail) {
}
