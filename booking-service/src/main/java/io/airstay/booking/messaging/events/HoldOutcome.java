package io.airstay.booking.messaging.events;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of availability.held / availability.rejected the saga needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HoldOutcome(UUID bookingId, BigDecimal nightlyTotal, String reason, String detail) {
}
