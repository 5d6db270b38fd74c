package io.airstay.search.repository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Reads what the analytics job wrote to the gold schema, on the primary: a statistics read is cached until the next
 * run (a miss per run and key), and must see at least the run this replica last found in gold.runs. The job writes a
 * run's rows and its gold.runs row in one transaction; the figures and the run they are read with come from one
 * snapshot.
 */
@ApplicationScoped
public class GoldRepository {

    /** A run and the figures read in the same snapshot; run is null before the first run. */
    public record GoldFigures(GoldRun run, List<GoldMonth> months) {
    }

    /** A popular search, as the search counters key it: '' / 0 / 'any' where the searches set nothing. */
    public record PopularSearch(String city, int guests, int bedrooms, String priceBand) {
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final String LATEST_RUN = "SELECT run_id, finished_at FROM gold.runs ORDER BY run_id DESC LIMIT 1";
    private static final String STAY_COLUMNS = """
            month, nights_available, nights_booked, occupancy_rate, revenue, adr, revpar, bookings, cancellations,
            cancellation_rate, avg_lead_time_days, avg_length_of_stay""";
    /** A listing's months: a range of the primary key. */
    static final String LISTING_MONTHS = "SELECT " + STAY_COLUMNS + """
            , 0 AS listings, 0 AS reviews, 0 AS avg_rating, 0 AS reviews_positive, 0 AS reviews_neutral,
              0 AS reviews_negative
            FROM gold.listing_month_stats WHERE property_id = ? AND month BETWEEN ? AND ? ORDER BY month""";
    /** A city's months, in any spelling: a range of idx_city_month_stats_lower_city. */
    static final String CITY_MONTHS = "SELECT " + STAY_COLUMNS + """
            , listings, reviews, avg_rating, reviews_positive, reviews_neutral, reviews_negative
            FROM gold.city_month_stats WHERE lower(city) = ? AND month BETWEEN ? AND ? ORDER BY month, city""";
    /**
     * The city's first spelling, among its own rows: OFFSET 0 keeps the planner from taking min() as the first of the
     * primary key in city order, which would walk the whole table for a city late in the alphabet.
     */
    static final String CITY_SPELLING = """
            SELECT min(city) FROM (SELECT city FROM gold.city_month_stats WHERE lower(city) = ? OFFSET 0) AS spellings""";

    private final AgroalDataSource primary;

    public GoldRepository(AgroalDataSource primary) {
        this.primary = primary;
    }

    /** The newest run's id; 0 before the first run. One index probe: replicas ask every few seconds. */
    public long latestRunId() {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(max(run_id), 0) FROM gold.runs");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** The listing's months from {@code from} to {@code to} (first days of months), those the job has a row for. */
    public GoldFigures listingMonths(UUID propertyId, LocalDate from, LocalDate to) {
        return snapshot(LISTING_MONTHS, propertyId, from, to);
    }

    /** The city's months (any spelling of it: {@code lowerCity} is lower-cased), those the job has a row for. */
    public GoldFigures cityMonths(String lowerCity, LocalDate from, LocalDate to) {
        return snapshot(CITY_MONTHS, lowerCity, from, to);
    }

    /** The city as the analytics results spell it (any month); empty when they do not know it. */
    public Optional<String> citySpelling(String lowerCity) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(CITY_SPELLING)) {
                select.setString(1, lowerCity);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.ofNullable(row.getString(1));
                }
            }
        });
    }

    /** The most popular active listings, best first, as the last run ranked them. */
    public List<UUID> popularListings(int limit) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT g.property_id FROM gold.popular_listings g
                    JOIN silver.properties p ON p.property_id = g.property_id AND p.is_active = TRUE
                    ORDER BY g.rank LIMIT ?""")) {
                select.setInt(1, limit);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    /** The most popular searches, best first, as the last run ranked them. */
    public List<PopularSearch> popularSearches(int limit) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT city, guests, bedrooms, price_band FROM gold.popular_searches ORDER BY rank LIMIT ?")) {
                select.setInt(1, limit);
                List<PopularSearch> searches = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        searches.add(new PopularSearch(rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getString(4)));
                    }
                }
                return searches;
            }
        });
    }

    /** The newest run and the months {@code sql} selects, in one read-only REPEATABLE READ transaction. */
    private GoldFigures snapshot(String sql, Object key, LocalDate from, LocalDate to) {
        return read(connection -> {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                GoldRun run = null;
                try (PreparedStatement select = connection.prepareStatement(LATEST_RUN); ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        run = new GoldRun(row.getLong(1), row.getTimestamp(2).toInstant());
                    }
                }
                List<GoldMonth> months = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setObject(1, key);
                    select.setDate(2, Date.valueOf(from));
                    select.setDate(3, Date.valueOf(to));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            months.add(month(rows));
                        }
                    }
                }
                return new GoldFigures(run, months);
            } finally {
                connection.rollback();
            }
        });
    }

    private static GoldMonth month(ResultSet row) throws SQLException {
        return new GoldMonth(row.getDate("month").toLocalDate(), row.getInt("listings"), row.getLong("nights_available"),
                row.getLong("nights_booked"), row.getBigDecimal("occupancy_rate"), row.getBigDecimal("revenue"),
                row.getBigDecimal("adr"), row.getBigDecimal("revpar"), row.getLong("bookings"), row.getLong("cancellations"),
                row.getBigDecimal("cancellation_rate"), row.getBigDecimal("avg_lead_time_days"),
                row.getBigDecimal("avg_length_of_stay"), row.getLong("reviews"), row.getBigDecimal("avg_rating"),
                row.getLong("reviews_positive"), row.getLong("reviews_neutral"), row.getLong("reviews_negative"));
    }

    private <T> T read(Read<T> read) {
        try (Connection connection = primary.getConnection()) {
            return read.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the analytics results failed", e);
        }
    }
}
