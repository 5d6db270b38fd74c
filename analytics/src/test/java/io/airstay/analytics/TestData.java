package io.airstay.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A hand-built data set with numbers worked out by hand (AnalyticsJobTest states them), for the months 2026-01 and
 * 2026-02, popularity as of 2026-02-28 (its window: 2026-02-01 to 2026-02-28):
 * <ul>
 * <li>L1 (Lisbon): calendar 2026-01-01..2026-02-28, 2026-01-01..05 blocked; B1 Jan 10-15 confirmed 500.00 (made
 * 2025-12-31), B2 Jan 31-Feb 1 confirmed 120.00 (one night at the month boundary, made Jan 30), B3 Feb 14-16
 * canceled, B7 Feb 20-21 rejected, B8 Mar 5-7 confirmed (after the months; made Feb 28);
 * <li>L2 (Lisbon): calendar 2026-01-20..2026-02-10; B4 Jan 30-Feb 3 confirmed 840.00 (spans two months, made Jan 16),
 * B5 Feb 20-22 completed 360.00 without calendar rows (made Feb 7), B6 Jan 22-24 canceled;
 * <li>L3 (Porto): calendar 2026-01-01..31 with 10 nights blocked, no bookings.
 * </ul>
 */
final class TestData {

    static final String L1 = "00000000-0000-0000-0000-000000000001";
    static final String L2 = "00000000-0000-0000-0000-000000000002";
    static final String L3 = "00000000-0000-0000-0000-000000000003";

    private TestData() {
    }

    static void load(TestDatabases databases) throws SQLException {
        try (Connection search = databases.connect("search")) {
            listing(search, L1, "Lisbon");
            listing(search, L2, "Lisbon");
            listing(search, L3, "Porto");
            execute(search, """
                    insert into silver.listing_views_daily (property_id, day, views) values
                      ('%1$s', '2026-02-28', 10), ('%1$s', '2026-02-21', 8), ('%1$s', '2026-01-15', 100),
                      ('%2$s', '2026-02-14', 20), ('%3$s', '2026-02-28', 3)""".formatted(L1, L2, L3));
            execute(search, """
                    insert into silver.search_requests_daily (day, city, guests, bedrooms, price_band, requests) values
                      ('2026-02-28', 'Lisbon', 2, 1, '100-200', 6), ('2026-02-14', 'Lisbon', 2, 1, '100-200', 4),
                      ('2026-02-21', 'Porto', 0, 0, 'any', 4), ('2026-01-01', 'Lisbon', 4, 2, 'any', 50)""");
        }
        try (Connection availability = databases.connect("availability")) {
            calendar(availability, L1, "2026-01-01", "2026-02-28", "night <= '2026-01-05'");
            calendar(availability, L2, "2026-01-20", "2026-02-10", "false");
            calendar(availability, L3, "2026-01-01", "2026-01-31", "extract(day from night) between 11 and 20");
        }
        try (Connection booking = databases.connect("booking")) {
            booking(booking, 1, L1, "2026-01-10", "2026-01-15", "CONFIRMED", "500.00", "2025-12-31");
            booking(booking, 2, L1, "2026-01-31", "2026-02-01", "CONFIRMED", "120.00", "2026-01-30");
            booking(booking, 3, L1, "2026-02-14", "2026-02-16", "CANCELED", "250.00", "2026-02-14");
            booking(booking, 4, L2, "2026-01-30", "2026-02-03", "CONFIRMED", "840.00", "2026-01-16");
            booking(booking, 5, L2, "2026-02-20", "2026-02-22", "COMPLETED", "360.00", "2026-02-07");
            booking(booking, 6, L2, "2026-01-22", "2026-01-24", "CANCELED", "400.00", "2026-01-20");
            booking(booking, 7, L1, "2026-02-20", "2026-02-21", "REJECTED", "100.00", "2026-02-14");
            booking(booking, 8, L1, "2026-03-05", "2026-03-07", "CONFIRMED", "200.00", "2026-02-28");
        }
        try (Connection review = databases.connect("review")) {
            review(review, 1, L1, 5, "positive", "2026-01-16");
            review(review, 2, L2, 2, "negative", "2026-01-20");
            review(review, 3, L1, 4, "neutral", "2026-02-03");
            review(review, 4, L3, 3, "neutral", "2026-02-05");
            review(review, 5, L3, 1, "negative", "2026-03-01"); // after the months
        }
    }

    private static void listing(Connection search, String id, String city) throws SQLException {
        try (PreparedStatement insert = search.prepareStatement("""
                insert into silver.properties (property_id, host_id, property_type, title, bedrooms, bathrooms, beds,
                  max_guests, base_price, location_city, location_country, latitude, longitude)
                values (?::uuid, gen_random_uuid(), 'apartment', 'a listing', 1, 1, 1, 2, 100, ?, 'Portugal', 38.7, -9.1)
                """)) {
            insert.setString(1, id);
            insert.setString(2, city);
            insert.executeUpdate();
        }
    }

    private static void calendar(Connection availability, String id, String from, String to, String blocked)
            throws SQLException {
        execute(availability, """
                insert into silver.availability_calendar (property_id, calendar_date, price, minimum_nights, blocked)
                select '%s', night, 100, 1, %s
                from generate_series(date '%s', date '%s', interval '1 day') as nights(night)"""
                .formatted(id, blocked, from, to));
    }

    private static void booking(Connection booking, int number, String id, String checkIn, String checkOut,
            String status, String total, String created) throws SQLException {
        execute(booking, """
                insert into silver.bookings (booking_id, property_id, guest_id, check_in_date, check_out_date, num_guests,
                  total_price, booking_status, created_at)
                values ('%s', '%s', gen_random_uuid(), '%s', '%s', 2, %s, '%s', '%s 12:00:00+00')"""
                .formatted(uuid(number), id, checkIn, checkOut, total, status, created));
    }

    private static void review(Connection review, int number, String id, int rating, String sentiment, String created)
            throws SQLException {
        execute(review, """
                insert into silver.reviews (review_id, property_id, booking_id, guest_id, rating, sentiment_score,
                  sentiment_label, created_at)
                values (gen_random_uuid(), '%s', '%s', gen_random_uuid(), %d, 0, '%s', '%s 09:00:00+00')"""
                .formatted(id, uuid(number), rating, sentiment, created));
    }

    private static String uuid(int number) {
        return "00000000-0000-0000-0000-1%011d".formatted(number);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
