package io.airstay.review.messaging.events;

import java.math.BigDecimal;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Payload of review.submitted (search-service keeps the listing's rating and review count from it). */
@RegisterForReflection
public record ReviewSubmitted(UUID reviewId, UUID bookingId, UUID guestId, int rating, BigDecimal sentimentScore,
        String sentimentLabel) {
}
