package io.airstay.analytics.aggregate;

import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Stream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per listing and per city monthly numbers (docs/analytics.md defines each column). A booking's nights and its
 * total spread evenly over them are counted in the months the nights fall in; bookings, cancellations, lead time and
 * length of stay in the month of the check-in.
 */
public final class MonthlyStats {

    /** Statuses of a stay that holds its nights. */
    static final String[] STAYS = {"CONFIRMED", "COMPLETED"};
    static final String CANCELED = "CANCELED";
    /** The counters a listing's month carries, summed for its city; the rates are computed from them. */
    private static final String[] COUNTERS = {"nights_available", "nights_booked", "revenue", "bookings",
        "cancellations", "stays", "lead_days", "stay_nights"};
    private static final String[] REVIEW_COUNTERS = {"listings", "reviews", "rating_sum", "reviews_positive",
        "reviews_neutral", "reviews_negative"};

    private final Layout layout;

    public MonthlyStats(Layout layout) {
        this.layout = layout;
    }

    /**
     * The counters per listing and month (property_id, month, city, then {@link #COUNTERS}) of the months from
     * {@code start} to before {@code end}: a month has a row when the listing has a calendar night, a booked night or
     * a check-in in it. Listings the listing dimension does not know are left out. Calendar nights, booked nights and
     * check-ins become rows of one shape, aggregated by listing and month in one go: a night both in the calendar and
     * booked is available once ({@link #distinctNights}).
     */
    public Dataset<Row> listingCounters(Dataset<Row> listings, Dataset<Row> calendar, Dataset<Row> bookings,
            LocalDate start, LocalDate end) {
        Column isStay = col("status").isin((Object[]) STAYS);
        Column nights = datediff(col("check_out_date"), col("check_in_date"));
        Dataset<Row> calendarNights = calendar.select(col("property_id"), col("night"),
                not(col("blocked")).as("available"), lit(false).as("booked"), revenue(lit(0)),
                lit(0).as("checked_in"), lit(0).as("canceled"), lit(0).as("stay"), lit(0).as("lead_days"),
                lit(0).as("stay_nights"));
        Dataset<Row> bookedNights = bookings.filter(isStay)
                .select(col("property_id"),
                        explode(sequence(col("check_in_date"), date_sub(col("check_out_date"), 1))).as("night"),
                        coalesce(col("total_price"), lit(0)).divide(nights).as("revenue"))
                .filter(col("night").geq(lit(start)).and(col("night").lt(lit(end))))
                .select(col("property_id"), col("night"), lit(true).as("available"), lit(true).as("booked"),
                        revenue(col("revenue")), lit(0).as("checked_in"), lit(0).as("canceled"), lit(0).as("stay"),
                        lit(0).as("lead_days"), lit(0).as("stay_nights"));
        Dataset<Row> checkIns = bookings
                .filter(isStay.or(col("status").equalTo(CANCELED)))
                .filter(col("check_in_date").geq(lit(start)).and(col("check_in_date").lt(lit(end))))
                .select(col("property_id"), col("check_in_date").as("night"), lit(false).as("available"),
                        lit(false).as("booked"), revenue(lit(0)), lit(1).as("checked_in"),
                        when(isStay, 0).otherwise(1).as("canceled"), when(isStay, 1).otherwise(0).as("stay"),
                        when(isStay, datediff(col("check_in_date"), col("created_day"))).otherwise(0).as("lead_days"),
                        when(isStay, nights).otherwise(0).as("stay_nights"));
        Dataset<Row> counters = layout.byListing(calendarNights.unionByName(bookedNights).unionByName(checkIns))
                .groupBy(col("property_id"), trunc(col("night"), "month").as("month"))
                .agg(distinctNights(col("available")).as("nights_available"),
                        sum(when(col("booked"), 1).otherwise(0)).as("nights_booked"),
                        sum("revenue").as("revenue"),
                        sum("checked_in").as("bookings"),
                        sum("canceled").as("cancellations"),
                        sum("stay").as("stays"),
                        sum("lead_days").as("lead_days"),
                        sum("stay_nights").as("stay_nights"));
        return counters.join(layout.dimension(listings.select("property_id", "city")), "property_id")
                .select(col("property_id"), col("month"), col("city"), col("nights_available"), col("nights_booked"),
                        col("revenue"), col("bookings"), col("cancellations"), col("stays"), col("lead_days"),
                        col("stay_nights"));
    }

    /**
     * How many distinct nights of the month the rows where {@code condition} holds have: each night sets the bit of
     * its day of the month in a long, OR-ed over the month's rows. Exact as a distinct count, but a plain aggregate:
     * partial per task before the shuffle, no aggregation by night first.
     */
    private static Column distinctNights(Column condition) {
        Column dayBit = call_function("shiftleft", lit(1L), dayofmonth(col("night")));
        return bit_count(bit_or(when(condition, dayBit).otherwise(lit(0L))));
    }

    /** A night's revenue: exact enough that the sums round as PostgreSQL's numeric does. */
    private static Column revenue(Column value) {
        return value.cast("decimal(30,13)").as("revenue");
    }

    /** The gold rows per listing and month from {@link #listingCounters}. */
    public static Dataset<Row> listingMonths(Dataset<Row> counters) {
        return withRates(counters, new Column[] {col("property_id"), col("month"), col("city")});
    }

    /**
     * The gold rows per city and month: the listings' counters summed, then the rates, and the reviews written in the
     * month (property_id, rating, sentiment_label, created_day) of the city's listings.
     */
    public Dataset<Row> cityMonths(Dataset<Row> counters, Dataset<Row> listings, Dataset<Row> reviews) {
        Column[] sums = Arrays.stream(COUNTERS).map(name -> sum(name).as(name)).toArray(Column[]::new);
        Dataset<Row> cities = counters.groupBy("city", "month")
                .agg(countDistinct("property_id").as("listings"), sums);
        Dataset<Row> reviewCounts = reviews.join(layout.dimension(listings.select("property_id", "city")), "property_id")
                .groupBy(col("city"), trunc(col("created_day"), "month").as("month"))
                .agg(count(lit(1)).as("reviews"), sum("rating").as("rating_sum"),
                        sentimentCount("positive"), sentimentCount("neutral"), sentimentCount("negative"));
        Dataset<Row> all = cities.join(reviewCounts, new String[] {"city", "month"}, "full_outer")
                .na().fill(0, COUNTERS)
                .na().fill(0, REVIEW_COUNTERS);
        return withRates(all, new Column[] {col("city"), col("month"), col("listings").cast("int").as("listings")},
                col("reviews").cast("int").as("reviews"),
                ratio(col("rating_sum"), col("reviews"), 3, 2).as("avg_rating"),
                col("reviews_positive").cast("int").as("reviews_positive"),
                col("reviews_neutral").cast("int").as("reviews_neutral"),
                col("reviews_negative").cast("int").as("reviews_negative"));
    }

    private static Column sentimentCount(String label) {
        return sum(when(col("sentiment_label").equalTo(label), 1).otherwise(0)).as("reviews_" + label);
    }

    /** {@code keys}, the gold columns computed from the counters (typed as the gold tables have them), {@code more}. */
    private static Dataset<Row> withRates(Dataset<Row> counters, Column[] keys, Column... more) {
        Column[] rates = {
            col("nights_available").cast("int").as("nights_available"),
            col("nights_booked").cast("int").as("nights_booked"),
            ratio(col("nights_booked"), col("nights_available"), 7, 4).as("occupancy_rate"),
            round(col("revenue"), 2).cast("decimal(14,2)").as("revenue"),
            ratio(col("revenue"), col("nights_booked"), 12, 2).as("adr"),
            ratio(col("revenue"), col("nights_available"), 12, 2).as("revpar"),
            col("bookings").cast("int").as("bookings"),
            col("cancellations").cast("int").as("cancellations"),
            ratio(col("cancellations"), col("bookings"), 7, 4).as("cancellation_rate"),
            ratio(col("lead_days"), col("stays"), 8, 2).as("avg_lead_time_days"),
            ratio(col("stay_nights"), col("stays"), 8, 2).as("avg_length_of_stay"),
        };
        return counters.select(Stream.of(keys, rates, more).flatMap(Arrays::stream).toArray(Column[]::new));
    }

    /** {@code numerator / denominator} rounded half up to {@code scale} digits as decimal(precision, scale); 0 for 0. */
    static Column ratio(Column numerator, Column denominator, int precision, int scale) {
        Column exact = numerator.cast("decimal(38,10)").divide(denominator.cast("decimal(38,10)"));
        return when(denominator.equalTo(0), lit(0)).otherwise(round(exact, scale))
                .cast("decimal(" + precision + "," + scale + ")");
    }
}
