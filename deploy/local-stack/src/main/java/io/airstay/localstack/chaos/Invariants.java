package io.airstay.localstack.chaos;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The platform's promises, read from each service's own database for the listings of a chaos run: every accepted
 * booking exists and reached a terminal state; no two confirmed stays share a night; the nights availability holds
 * are exactly the confirmed bookings' nights; search's projection of unavailable nights matches availability; and
 * search's counters (bookings, reviews, rating sum) match the bookings and reviews they count, so that no event was
 * applied twice or lost.
 */
final class Invariants {

    /** What one check found: lost and duplicated effects, other broken promises, and a line per finding. */
    record Result(int lost, int duplicated, int violations, List<String> details) {
        boolean clean() {
            return lost == 0 && duplicated == 0 && violations == 0;
        }
    }

    private static final String TERMINAL = "('CONFIRMED', 'REJECTED', 'CANCELED', 'COMPLETED', 'EXPIRED')";
    private static final String STAYS = "('CONFIRMED', 'COMPLETED')";

    private final String jdbc;

    /** {@code jdbc}: the server's URL without a database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}. */
    Invariants(String jdbc) {
        this.jdbc = jdbc;
    }

    Result check(Collection<UUID> listings, Collection<UUID> accepted) throws SQLException {
        List<String> details = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        int violations = 0;
        try (Connection booking = connect("airstay_booking"); Connection availability = connect("airstay_availability");
                Connection search = connect("airstay_search"); Connection review = connect("airstay_review")) {
            Map<UUID, String> statuses = new HashMap<>();
            query(booking, "SELECT booking_id, booking_status FROM silver.bookings WHERE booking_id = ANY (?)",
                    uuids(booking, accepted), rs -> statuses.put(rs.getObject(1, UUID.class), rs.getString(2)));
            int missing = accepted.size() - statuses.size();
            if (missing > 0) {
                details.add(missing + " accepted bookings do not exist");
            }
            List<UUID> stuck = new ArrayList<>();
            query(booking, "SELECT booking_id FROM silver.bookings WHERE property_id = ANY (?) AND booking_status NOT IN "
                    + TERMINAL, uuids(booking, listings), rs -> stuck.add(rs.getObject(1, UUID.class)));
            if (!stuck.isEmpty()) {
                details.add(stuck.size() + " bookings not in a terminal state, e.g. " + stuck.get(0));
            }
            lost += missing + stuck.size();

            List<String> overlaps = new ArrayList<>();
            query(booking, """
                    SELECT a.booking_id || ' and ' || b.booking_id FROM silver.bookings a JOIN silver.bookings b
                      ON a.property_id = b.property_id AND a.booking_id < b.booking_id
                     AND daterange(a.check_in_date, a.check_out_date) && daterange(b.check_in_date, b.check_out_date)
                    WHERE a.property_id = ANY (?) AND a.booking_status IN %s AND b.booking_status IN %s"""
                    .formatted(STAYS, STAYS), uuids(booking, listings), rs -> overlaps.add(rs.getString(1)));
            violations += overlaps.size();
            overlaps.forEach(pair -> details.add("overlapping confirmed stays: " + pair));

            Set<String> bookedNights = new HashSet<>();
            query(booking, """
                    SELECT property_id || ' ' || night::date || ' ' || booking_id FROM silver.bookings,
                           generate_series(check_in_date, check_out_date - 1, interval '1 day') AS night
                    WHERE property_id = ANY (?) AND booking_status = 'CONFIRMED' AND night >= current_date""",
                    uuids(booking, listings), rs -> bookedNights.add(rs.getString(1)));
            Set<String> heldNights = new HashSet<>();
            query(availability, """
                    SELECT property_id || ' ' || calendar_date || ' ' || booking_id FROM silver.availability_calendar
                    WHERE property_id = ANY (?) AND booking_id IS NOT NULL AND calendar_date >= current_date""",
                    uuids(availability, listings), rs -> heldNights.add(rs.getString(1)));
            violations += difference(details, "confirmed nights availability does not hold", bookedNights, heldNights);
            violations += difference(details, "nights availability holds for no confirmed booking", heldNights, bookedNights);

            Set<String> unavailable = new HashSet<>();
            query(availability, """
                    SELECT property_id || ' ' || calendar_date FROM silver.availability_calendar
                    WHERE property_id = ANY (?) AND NOT is_available AND calendar_date >= current_date""",
                    uuids(availability, listings), rs -> unavailable.add(rs.getString(1)));
            Set<String> searchUnavailable = new HashSet<>();
            query(search, """
                    SELECT property_id || ' ' || night FROM silver.property_unavailable_nights
                    WHERE property_id = ANY (?) AND night >= current_date""",
                    uuids(search, listings), rs -> searchUnavailable.add(rs.getString(1)));
            violations += difference(details, "unavailable nights search does not know", unavailable, searchUnavailable);
            violations += difference(details, "nights search wrongly excludes", searchUnavailable, unavailable);

            Map<UUID, long[]> expected = new HashMap<>(); // bookings, reviews, rating sum
            listings.forEach(listing -> expected.put(listing, new long[3]));
            query(booking, "SELECT property_id, count(*) FROM silver.bookings WHERE property_id = ANY (?) AND booking_status IN "
                    + STAYS + " GROUP BY property_id", uuids(booking, listings),
                    rs -> expected.get(rs.getObject(1, UUID.class))[0] = rs.getLong(2));
            query(review, "SELECT property_id, count(*), sum(rating) FROM silver.reviews WHERE property_id = ANY (?)"
                    + " GROUP BY property_id", uuids(review, listings), rs -> {
                        long[] counts = expected.get(rs.getObject(1, UUID.class));
                        counts[1] = rs.getLong(2);
                        counts[2] = rs.getLong(3);
                    });
            String[] counters = { "booking_count", "review_count", "rating_sum" };
            Map<UUID, long[]> actual = new HashMap<>();
            query(search, "SELECT property_id, booking_count, review_count, rating_sum FROM silver.properties"
                    + " WHERE property_id = ANY (?)", uuids(search, listings),
                    rs -> actual.put(rs.getObject(1, UUID.class), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) }));
            for (UUID listing : listings) {
                long[] want = expected.get(listing);
                long[] have = actual.getOrDefault(listing, new long[3]);
                for (int i = 0; i < counters.length; i++) {
                    long delta = have[i] - want[i];
                    if (delta != 0) {
                        details.add("listing " + listing + ": search's " + counters[i] + " is " + have[i] + ", expected "
                                + want[i]);
                    }
                    // a rating sum off by n is one review (event) off, not n
                    long events = i == 2 ? Long.signum(delta) : delta;
                    if (delta > 0) {
                        duplicated += events;
                    } else {
                        lost -= events;
                    }
                }
            }
        }
        return new Result(lost, duplicated, violations, details);
    }

    private static int difference(List<String> details, String what, Set<String> from, Set<String> without) {
        Set<String> extra = new HashSet<>(from);
        extra.removeAll(without);
        if (!extra.isEmpty()) {
            details.add(extra.size() + " " + what + ", e.g. " + extra.iterator().next());
        }
        return extra.size();
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, Array ids, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbc + database, "airstay", "airstay");
    }
}
