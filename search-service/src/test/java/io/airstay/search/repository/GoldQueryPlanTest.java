package io.airstay.search.repository;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.agroal.api.AgroalDataSource;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Proves with EXPLAIN that the statistics reads use an index, on gold tables big enough (3,000 listings and 300
 * cities, 24 months each) that the planner would rather scan if no index fitted.
 */
@QuarkusTest
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldQueryPlanTest {

    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 12, 1);

    @Inject
    AgroalDataSource dataSource;

    private UUID listing;

    @BeforeAll
    void fillTables() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            String figures = "100, 50, 0.5, 5000, 100, 50, 10, 1, 0.1, 20, 5";
            sql.execute("""
                    INSERT INTO gold.listing_month_stats (property_id, month, city, nights_available, nights_booked,
                        occupancy_rate, revenue, adr, revpar, bookings, cancellations, cancellation_rate, avg_lead_time_days,
                        avg_length_of_stay, run_id)
                    SELECT l.id, DATE '2023-01-01' + make_interval(months => m), 'Plan City ' || mod(l.n, 300), %s, 1
                    FROM (SELECT n, gen_random_uuid() AS id FROM generate_series(1, 3000) AS n) l, generate_series(0, 23) AS m"""
                    .formatted(figures));
            sql.execute("""
                    INSERT INTO gold.city_month_stats (city, month, listings, nights_available, nights_booked, occupancy_rate,
                        revenue, adr, revpar, bookings, cancellations, cancellation_rate, avg_lead_time_days, avg_length_of_stay,
                        reviews, avg_rating, reviews_positive, reviews_neutral, reviews_negative, run_id)
                    SELECT 'Plan City ' || c, DATE '2023-01-01' + make_interval(months => m), 10, %s, 4, 4.5, 3, 1, 0, 1
                    FROM generate_series(1, 300) AS c, generate_series(0, 23) AS m""".formatted(figures));
            sql.execute("ANALYZE gold.listing_month_stats");
            sql.execute("ANALYZE gold.city_month_stats");
            try (ResultSet row = sql.executeQuery("SELECT property_id FROM gold.listing_month_stats WHERE city = 'Plan City 7' LIMIT 1")) {
                row.next();
                listing = row.getObject(1, UUID.class);
            }
        }
    }

    @Test
    void aListingsMonthsAreARangeOfThePrimaryKey() throws SQLException {
        String plan = explain(GoldRepository.LISTING_MONTHS, listing);
        assertTrue(plan.contains("listing_month_stats_pkey"), plan);
    }

    @Test
    void aCitysMonthsInAnyCaseAreARangeOfTheLowerCityIndex() throws SQLException {
        String plan = explain(GoldRepository.CITY_MONTHS, "plan city 7");
        assertTrue(plan.contains("idx_city_month_stats_lower_city"), plan);
        String spelling = Explain.plan(dataSource, GoldRepository.CITY_SPELLING, List.of("plan city 7"));
        assertTrue(spelling.contains("idx_city_month_stats_lower_city"), spelling);
    }

    private String explain(String sql, Object key) throws SQLException {
        return Explain.plan(dataSource, sql, List.of(key, Date.valueOf(FROM), Date.valueOf(TO)));
    }
}
