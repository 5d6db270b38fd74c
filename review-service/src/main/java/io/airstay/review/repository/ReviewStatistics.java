package io.airstay.review.repository;

import java.math.BigDecimal;

/**
 * A property's review figures as the database computes them: averages (two decimals) are null
 * while nobody gave that rating; sentiment counts are per label.
 */
public record ReviewStatistics(
        long reviewCount,
        BigDecimal averageRating,
        BigDecimal averageCleanliness,
        BigDecimal averageAccuracy,
        BigDecimal averageCommunication,
        BigDecimal averageLocation,
        BigDecimal averageValue,
        long positive,
        long neutral,
        long negative) {
}
