package io.airstay.contracts.property;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Payload of every property-events type: the facts of a property other services keep. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PropertyFacts(
        UUID propertyId,
        UUID hostId,
        String title,
        String city,
        int maxGuests,
        BigDecimal basePrice,
        BigDecimal cleaningFee,
        int minimumNights,
        int maximumNights,
        boolean instantBookable,
        boolean isActive) {
}
