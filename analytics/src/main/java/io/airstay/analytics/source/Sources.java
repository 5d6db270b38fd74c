package io.airstay.analytics.source;

import java.time.LocalDate;
import java.util.List;

import io.airstay.analytics.Progress;
import io.airstay.analytics.config.JobArguments;
import io.airstay.analytics.config.Settings;

/**
 * What the job reads, each from the database of the service that owns it (the search database's read replica when
 * configured) or from a snapshot of them, restricted to what the run needs: the months it computes, and the
 * popularity window.
 *
 * @param listings     the listing dimension: listing_id, property_id, city, is_active
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

    public List<Read> all() {
        return List.of(listings, listingViews, searches, calendar, bookings, reviews);
    }

    public static Sources read(SourceReader reader, Settings settings, JobArguments arguments, Progress progress) {
        Database searchRead = new Database("search", settings.searchReadOrPrimaryUrl());
        Database availability = new Database("availability", settings.availabilityUrl());
        Database booking = new Database("booking", settings.bookingUrl());
        Database review = new Database("review", settings.reviewUrl());
        String start = literal(arguments.start());
        String end = literal(arguments.end());
        String window = "between " + literal(popularityStart(arguments.asOf())) + " and " + literal(arguments.asOf());
        return new Sources(
                read(progress, reader, new Source("listings", searchRead, """
                        select listing_id, property_id::text as property_id, location_city as city, is_active
                        from silver.properties""", "listing_id", "true")),
                read(progress, reader, new Source("listing_views", searchRead,
                        "select property_id::text as property_id, day, views from silver.listing_views_daily",
                        "day", "day " + window)),
                read(progress, reader, new Source("search_requests", searchRead,
                        "select day, city, guests, bedrooms, price_band, requests from silver.search_requests_daily",
                        "day", "day " + window)),
                read(progress, reader, new Source("calendar", availability, """
                        select property_id::text as property_id, calendar_date as night, blocked
                        from silver.availability_calendar""", "night",
                        "night >= %s and night < %s".formatted(start, end))),
                read(progress, reader, new Source("bookings", booking, """
                        select property_id::text as property_id, check_in_date, check_out_date, total_price,
                               booking_status as status, (created_at at time zone 'UTC')::date as created_day
                        from silver.bookings""", "check_in_date",
                        "(check_in_date < %s and check_out_date > %s) or created_day %s".formatted(end, start, window))),
                read(progress, reader, new Source("reviews", review, """
                        select property_id::text as property_id, rating, sentiment_label,
                               (created_at at time zone 'UTC')::date as created_day
                        from silver.reviews""", "created_day",
                        "created_day >= %s and created_day < %s".formatted(start, end))));
    }

    private static Read read(Progress progress, SourceReader reader, Source source) {
        Read read = progress.stage("read " + source.name().replace('_', ' ') + " (" + reader.origin(source) + ")",
                () -> reader.read(source), Read::describe);
        progress.read(read.count());
        return read;
    }

    private static String literal(LocalDate day) {
        return "date '" + day + "'";
    }
}
