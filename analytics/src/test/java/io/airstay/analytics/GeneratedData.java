package io.airstay.analytics;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A generated data set for the months 2025-12 to 2026-03 whose numbers nobody works out by hand: listings in three
 * cities, calendars with blocked nights and a month missing for every fourth listing, three weeks' worth of stays of
 * 1 to 5 nights per listing in every status, starting before and ending after the months, with totals that do not
 * divide evenly by their nights.
 */
final class GeneratedData {

    static final String[] MONTHS = {"--from", "2025-12", "--to", "2026-03", "--as-of", "2026-03-31"};

    private GeneratedData() {
    }

    static void load(TestDatabases databases, int listings) throws SQLException {
        String listing = "md5('listing' || i)::uuid";
        try (Connection search = databases.connect("search")) {
            TestData.execute(search, """
                    insert into silver.properties (property_id, host_id, property_type, title, bedrooms, bathrooms, beds,
                      max_guests, base_price, location_city, location_country, latitude, longitude)
                    select %s, gen_random_uuid(), 'house', 'generated', 1, 1, 1, 2, 100,
                           (array['Lisbon', 'Porto', 'Faro'])[1 + i %% 3], 'Portugal', 38.7, -9.1
                    from generate_series(1, %d) as i""".formatted(listing, listings));
        }
        try (Connection availability = databases.connect("availability")) {
            TestData.execute(availability, """
                    insert into silver.availability_calendar (property_id, calendar_date, price, minimum_nights, blocked)
                    select %s, night, 100, 1, (extract(doy from night)::int + i) %% 9 = 0
                    from generate_series(1, %d) as i,
                         generate_series(date '2025-12-01', date '2026-03-31', interval '1 day') as night
                    where not (i %% 4 = 0 and night >= date '2026-02-01' and night < date '2026-03-01')"""
                    .formatted(listing, listings));
        }
        try (Connection booking = databases.connect("booking")) {
            TestData.execute(booking, """
                    insert into silver.bookings (booking_id, property_id, guest_id, check_in_date, check_out_date,
                      num_guests, total_price, booking_status, created_at)
                    select gen_random_uuid(), %s, gen_random_uuid(), check_in, check_in + 1 + (i + k) %% 5, 2,
                           50.37 + (i * k) %% 400,
                           (array['CONFIRMED', 'COMPLETED', 'CANCELED', 'PENDING', 'REJECTED', 'EXPIRED',
                                  'CONFIRMED'])[1 + (i * k + k) %% 7],
                           (check_in - (i + k) %% 60)::timestamp at time zone 'UTC' + interval '10 hours'
                    from generate_series(1, %d) as i, generate_series(0, 20) as k,
                         lateral (select date '2025-11-25' + k * 7 + i %% 3 as check_in) as stay"""
                    .formatted(listing, listings));
        }
    }
}
