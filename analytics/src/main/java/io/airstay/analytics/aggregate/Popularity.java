package io.airstay.analytics.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import io.airstay.analytics.source.Sources;

/**
 * What is most likely to be requested next. Each day of the {@value Sources#POPULARITY_DAYS} days ending on the as-of
 * day counts with weight 0.5^(age in days / {@value #HALF_LIFE_DAYS}): listings by detail views plus
 * {@value #BOOKING_WEIGHT} x booking requests, searches by requests per combination of city, guests, bedrooms and
 * price band; without any search counters, each city's searches (city, 0, 0, 'any') by its listings' booking requests.
 */
public final class Popularity {

    public static final int TOP_LISTINGS = 100;
    public static final int TOP_SEARCHES = 50;
    static final double HALF_LIFE_DAYS = 7;
    static final int BOOKING_WEIGHT = 10;

    private final Layout layout;
    private final LocalDate asOf;

    public Popularity(Layout layout, LocalDate asOf) {
        this.layout = layout;
        this.asOf = asOf;
    }

    /** rank, property_id, score of the top {@value #TOP_LISTINGS} active listings. */
    public Dataset<Row> listings(Dataset<Row> listings, Dataset<Row> views, Dataset<Row> bookings) {
        Dataset<Row> scores = views.select(col("property_id"), col("views").multiply(weight(col("day"))).as("score"))
                .unionByName(bookingRequests(bookings))
                .groupBy("property_id").agg(sum("score").as("score"))
                .join(layout.dimension(listings.filter(col("is_active")).select("property_id")), "property_id");
        return top(scores, TOP_LISTINGS, col("score").desc(), col("property_id"))
                .select("rank", "property_id", "score");
    }

    /**
     * rank, city, guests, bedrooms, price_band, score of the top {@value #TOP_SEARCHES} searches; {@code searchRows} is
     * the number of rows of {@code searches} (none: the per-city fallback).
     */
    public Dataset<Row> searches(Dataset<Row> listings, Dataset<Row> searches, long searchRows, Dataset<Row> bookings) {
        Dataset<Row> scores = searchRows > 0
                ? searches.groupBy("city", "guests", "bedrooms", "price_band")
                        .agg(sum(col("requests").multiply(weight(col("day")))).as("score"))
                : bookingRequests(bookings)
                        .join(layout.dimension(listings.select("property_id", "city")), "property_id")
                        .groupBy("city").agg(sum("score").as("score"))
                        .select(col("city"), lit(0).as("guests"), lit(0).as("bedrooms"), lit("any").as("price_band"),
                                col("score"));
        return top(scores, TOP_SEARCHES, col("score").desc(), col("city"), col("guests"), col("bedrooms"),
                col("price_band"))
                .select(col("rank"), col("city"), col("guests").cast("short").as("guests"),
                        col("bedrooms").cast("short").as("bedrooms"), col("price_band"), col("score"));
    }

    /** property_id, score of each booking made in the window. */
    private Dataset<Row> bookingRequests(Dataset<Row> bookings) {
        return bookings
                .filter(col("created_day").between(lit(Sources.popularityStart(asOf)), lit(asOf)))
                .select(col("property_id"), lit(BOOKING_WEIGHT).multiply(weight(col("created_day"))).as("score"));
    }

    private Column weight(Column day) {
        return pow(lit(0.5), datediff(lit(asOf), day).divide(HALF_LIFE_DAYS));
    }

    /** The {@code n} best rows with a positive score, ranked from 1 in {@code order}. */
    private static Dataset<Row> top(Dataset<Row> scores, int n, Column... order) {
        return scores.filter(col("score").gt(0)).orderBy(order).limit(n)
                .withColumn("rank", row_number().over(Window.orderBy(order)));
    }
}
