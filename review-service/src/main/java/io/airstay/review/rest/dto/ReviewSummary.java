package io.airstay.review.rest.dto;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** GET /api/v1/properties/{id}/reviews/summary. Averages are null while nobody gave that rating. */
@RegisterForReflection
public record ReviewSummary(
        UUID propertyId,
        long reviewCount,
        @Schema(nullable = true) BigDecimal averageRating,
        SubRatings averageSubRatings,
        SentimentDistribution sentimentDistribution) {

    @RegisterForReflection
    public record SubRatings(@Schema(nullable = true) BigDecimal cleanliness, @Schema(nullable = true) BigDecimal accuracy,
            @Schema(nullable = true) BigDecimal communication, @Schema(nullable = true) BigDecimal location,
            @Schema(nullable = true) BigDecimal value) {
    }

    @RegisterForReflection
    public record SentimentDistribution(long positive, long neutral, long negative) {
    }
}
