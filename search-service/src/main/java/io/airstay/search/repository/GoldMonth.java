package io.airstay.search.repository;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One month of a listing's or a city's figures as the analytics job stored them (gold.listing_month_stats,
 * gold.city_month_stats). A listing's month has no listing count and no reviews: they are 0.
 */
public record GoldMonth(
        LocalDate month,
        int listings,
        long nightsAvailable,
        long nightsBooked,
        BigDecimal occupancyRate,
        BigDecimal revenue,
        BigDecimal adr,
        BigDecimal revpar,
        long bookings,
        long cancellations,
        BigDecimal cancellationRate,
        BigDecimal avgLeadTimeDays,
        BigDecimal avgLengthOfStay,
        long reviews,
        BigDecimal avgRating,
        long reviewsPositive,
        long reviewsNeutral,
        long reviewsNegative) {
}
