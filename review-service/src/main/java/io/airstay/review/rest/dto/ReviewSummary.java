package io.airstay.review.rest.dto;

import java.math.BigDecimal;
import java.util.UUID;

/** GET /api/v1/properties/{id}/reviews/summary. Averages are null while nobody gave that rating. */
public record ReviewSummary(
        UUID propertyId,
        long reviewCount,
        BigDecimal averageRating,
        SubRatings averageSubRatings,
        SentimentDistribution sentimentDistribution) {

    public record SubRatings(BigDecimal cleanliness, BigDecimal accuracy, BigDecimal communication, BigDecimal location,
            BigDecimal value) {
    }

    public record SentimentDistribution(long positive, long neutral, long negative) {
    }
}
