package io.airstay.search.messaging.events;

import java.math.BigDecimal;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Payload of property.created / property.updated / property.deactivated: the facts other services keep. */
@RegisterForReflection
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
