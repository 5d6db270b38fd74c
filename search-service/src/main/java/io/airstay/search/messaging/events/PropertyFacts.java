package io.airstay.search.messaging.events;

import java.math.BigDecimal;
import java.util.UUID;

/** Payload of property.created / property.updated / property.deactivated: the facts other services keep. */
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
