package io.airstay.review.rest.dto;

import java.math.BigDecimal;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** GET /api/v1/properties/{id}/reviews/summary. Averages are null while nobody gave that rating. */
@RegisterForReflection
public record ReviewSummary(
        UUID propertyId,
        long reviewCount,
        BigDecimal averageRating,
        SubRatings averageSubRatings,
        SentimentDistribution sentimentDistribution) {

    @RegisterForReflection
    public record SubRatings(BigDecimal cleanliness, BigDecimal accuracy, BigDecimal communication, BigDecimal location,
            BigDecimal value) {
    }

    @RegisterForReflection
    public record SentimentDistribution(long positive, long neutral, long negative) {
    }
}
