package io.airstay.review.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A review as lists show it (fields of the earlier implementation, plus the sub-ratings). */
@RegisterForReflection
public record ReviewView(
        UUID reviewId,
        UUID propertyId,
        UUID bookingId,
        UUID guestId,
        int rating,
        Short cleanlinessRating,
        Short accuracyRating,
        Short communicationRating,
        Short locationRating,
        Short valueRating,
        String reviewText,
        String reviewLanguage,
        BigDecimal sentimentScore,
        String sentimentLabel,
        Instant createdAt) {
}
