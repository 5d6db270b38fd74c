package io.airstay.analytics.source;

import java.time.LocalDate;

import io.airstay.analytics.Progress;
import io.airstay.analytics.config.JobArguments;
import io.airstay.analytics.config.Settings;
import io.airstay.analytics.source.JdbcReader.Read;

/**
 * What the job reads, each from the database of the service that owns it (the search database's read replica when
 * configured), restricted to what the run needs: the months it computes, and the popularity window.
 *
 * @param listings     the listing dimension: property_id, city, is_active
 * @param listingViews detail views per listing and day in the popularity window: property_id, day, views
 * @param searches     searches per parameter combination and day in the popularity window
 * @param calendar     calendar nights in the months: property_id, night, blocked
 * @param bookings     bookings with a night in the months, or made in the popularity window: property_id,
 *                     check_in_date, check_out_date, total_price, status, created_day
 * @param reviews      reviews written in the months: property_id, rating, sentiment_label, created_day
 */
public record Sources(Read listings, Read listingViews, Read searches, Read calendar, Read bookings, Read reviews) {

    /** Days of detail views and booking requests the popularity scores look at, ending on the as-of day. */
    public static final int POPULARITY_DAYS = 28;

    public static LocalDate popularityStart(LocalDate asOf) {
        return asOf.minusDays(POPULARITY_DAYS - 1);
    }

    public static Sources read(JdbcReader reader, Settings settings, JobArguments arguments, Progress progress) {
        Database searchRead = new Database("search", settings.searchReadOrPrimaryUrl());
        Database availability = new Database("availability", settings.availabilityUrl());
        Database booking = new Database("booking", settings.bookingUrl());
        Database review = new Database("review", settings.reviewUrl());
        String start = literal(arguments.start());
        String end = literal(arguments.end());
        String windowStart = literal(popularityStart(arguments.asOf()));
        String asOf = literal(arguments.asOf());
        String window = " where day between " + windowStart + " and " + asOf;
        return new Sources(
                read(progress, "listings", reader, searchRead, """
                        select listing_id, property_id::text as property_id, location_city as city, is_active
                        from silver.properties""", "listing_id"),
                read(progress, "listing views", reader, searchRead,
                        "select property_id::text as property_id, day, views from silver.listing_views_daily" + window,
                        "day"),
                read(progress, "search requests", reader, searchRead,
                        "select day, city, guests, bedrooms, price_band, requests from silver.search_requests_daily"
                                + window, "day"),
                read(progress, "calendar", reader, availability, """
                        select property_id::text as property_id, calendar_date as night, blocked
                        from silver.availability_calendar where calendar_date >= %s and calendar_date < %s"""
                        .formatted(start, end), "night"),
                read(progress, "bookings", reader, booking, """
                        select property_id::text as property_id, check_in_date, check_out_date, total_price,
                               booking_status as status, (created_at at time zone 'UTC')::date as created_day
                        from silver.bookings
                        where (check_in_date < %s and check_out_date > %s)
                           or (created_at >= %s::timestamp at time zone 'UTC'
                               and created_at < (%s + 1)::timestamp at time zone 'UTC')"""
                        .formatted(end, start, windowStart, asOf), "check_in_date"),
                read(progress, "reviews", reader, review, """
                        select property_id::text as property_id, rating, sentiment_label,
                               (created_at at time zone 'UTC')::date as created_day
                        from silver.reviews
                        where created_at >= %s::timestamp at time zone 'UTC'
                          and created_at < %s::timestamp at time zone 'UTC'""".formatted(start, end), "created_day"));
    }

    private static Read read(Progress progress, String what, JdbcReader reader, Database database, String query,
            String partitionColumn) {
        Read read = progress.stage("read " + what + " (" + database.name() + " database)",
                () -> reader.read(database, query, partitionColumn), Read::describe);
        progress.read(read.count());
        return read;
    }

    private static String literal(LocalDate day) {
        return "date '" + day + "'";
    }
}
