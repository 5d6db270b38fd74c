package io.airstay.review.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A review as lists show it, with its sub-ratings; public, so it names no user. */
@RegisterForReflection
public record ReviewView(
        UUID reviewId,
        UUID propertyId,
        UUID bookingId,
        int rating,
        @Schema(nullable = true) Short cleanlinessRating,
        @Schema(nullable = true) Short accuracyRating,
        @Schema(nullable = true) Short communicationRating,
        @Schema(nullable = true) Short locationRating,
        @Schema(nullable = true) Short valueRating,
        @Schema(nullable = true) String reviewText,
        String reviewLanguage,
        @Schema(description = "From -1 (negative) to 1 (positive)") BigDecimal sentimentScore,
        @Schema(enumeration = { "positive", "neutral", "negative" }) String sentimentLabel,
        Instant createdAt) {
}
