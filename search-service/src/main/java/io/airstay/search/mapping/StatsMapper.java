package io.airstay.search.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.airstay.search.repository.GoldMonth;
import io.airstay.search.rest.dto.ReviewFigures;
import io.airstay.search.rest.dto.StayFigures;

/**
 * Turns the analytics job's monthly rows into the statistics API's figures: one entry per month of the range (zeros
 * where the job has no row), and totals over several rows recomputed from sums. A rate over a range is its sums'
 * ratio (booked nights over available nights), never the average of the months' rates; an average over a range is
 * weighted by what it averages over (lead time and length of stay by bookings, rating by reviews).
 */
public final class StatsMapper {

    private static final int RATE_SCALE = 4;
    private static final int AMOUNT_SCALE = 2;

    private StatsMapper() {
    }

    /**
     * Every month from {@code from} to {@code to}, in order: the job's row for it, its rows combined when there are
     * several (a city spelled two ways), or zeros.
     */
    public static List<GoldMonth> everyMonth(YearMonth from, YearMonth to, List<GoldMonth> rows) {
        Map<LocalDate, List<GoldMonth>> byMonth = new TreeMap<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            byMonth.put(month.atDay(1), new ArrayList<>(1));
        }
        for (GoldMonth row : rows) {
            byMonth.computeIfPresent(row.month(), (month, list) -> {
                list.add(row);
                return list;
            });
        }
        List<GoldMonth> months = new ArrayList<>(byMonth.size());
        byMonth.forEach((month, list) -> months.add(list.size() == 1 ? list.get(0) : combine(month, list)));
        return months;
    }

    /** The rows as one: counts and amounts summed, rates and averages recomputed from the sums; zeros for none. */
    public static GoldMonth combine(LocalDate month, List<GoldMonth> rows) {
        long available = sum(rows, GoldMonth::nightsAvailable);
        long booked = sum(rows, GoldMonth::nightsBooked);
        BigDecimal revenue = rows.stream().map(GoldMonth::revenue).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
        long bookings = sum(rows, GoldMonth::bookings);
        long cancellations = sum(rows, GoldMonth::cancellations);
        long reviews = sum(rows, GoldMonth::reviews);
        return new GoldMonth(month, (int) sum(rows, GoldMonth::listings), available, booked,
                ratio(BigDecimal.valueOf(booked), available, RATE_SCALE), revenue, ratio(revenue, booked, AMOUNT_SCALE),
                ratio(revenue, available, AMOUNT_SCALE), bookings, cancellations,
                ratio(BigDecimal.valueOf(cancellations), bookings, RATE_SCALE),
                weighted(rows, GoldMonth::avgLeadTimeDays, GoldMonth::bookings, bookings),
                weighted(rows, GoldMonth::avgLengthOfStay, GoldMonth::bookings, bookings), reviews,
                weighted(rows, GoldMonth::avgRating, GoldMonth::reviews, reviews), sum(rows, GoldMonth::reviewsPositive),
                sum(rows, GoldMonth::reviewsNeutral), sum(rows, GoldMonth::reviewsNegative));
    }

    public static String month(GoldMonth row) {
        return YearMonth.from(row.month()).toString();
    }

    public static StayFigures stays(GoldMonth row) {
        return new StayFigures(row.nightsAvailable(), row.nightsBooked(), row.occupancyRate(), row.revenue(), row.adr(),
                row.revpar(), row.bookings(), row.cancellations(), row.cancellationRate(), row.avgLeadTimeDays(),
                row.avgLengthOfStay());
    }

    public static ReviewFigures reviews(GoldMonth row) {
        return new ReviewFigures(row.reviews(), row.avgRating(), row.reviewsPositive(), row.reviewsNeutral(),
                row.reviewsNegative());
    }

    private static long sum(List<GoldMonth> rows, ToLongFunction<GoldMonth> figure) {
        return rows.stream().mapToLong(figure).sum();
    }

    private static BigDecimal ratio(BigDecimal numerator, long denominator, int scale) {
        return denominator == 0 ? BigDecimal.ZERO.setScale(scale)
                : numerator.divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP);
    }

    /** The average of the rows' averages, each weighted by the count it is over; 0 when the counts are. */
    private static BigDecimal weighted(List<GoldMonth> rows, Function<GoldMonth, BigDecimal> average,
            ToLongFunction<GoldMonth> count, long total) {
        BigDecimal sum = rows.stream().map(row -> average.apply(row).multiply(BigDecimal.valueOf(count.applyAsLong(row))))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return ratio(sum, total, AMOUNT_SCALE);
    }
}
