package io.airstay.search.repository;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.agroal.api.AgroalDataSource;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.service.SearchCriteria;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Proves with EXPLAIN that each hot search uses an index, on a table big enough (6,000 listings in
 * 200 cities, 60,000 unavailable nights) that the planner would rather scan if no index fitted.
 */
@QuarkusTest
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchQueryPlanTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    PropertySearchRepository searches;

    @BeforeAll
    void fillTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO silver.properties (property_id, host_id, property_type, title, bedrooms, bathrooms, beds,
                        max_guests, base_price, location_city, location_country, latitude, longitude, created_at, updated_at)
                    SELECT gen_random_uuid(), gen_random_uuid(), 'apartment', 'Plan listing ' || n, n % 4, 1, 2, 1 + n % 6,
                           40 + (n * 7) % 500, 'Plan City ' || (n % 200), 'US', 30 + (n % 1000) * 0.01, -90 + (n % 997) * 0.01,
                           now(), now()
                    FROM generate_series(1, 6000) AS n""");
            sql.execute("""
                    INSERT INTO silver.property_unavailable_nights (property_id, night)
                    SELECT property_id, current_date + d FROM silver.properties, generate_series(1, 10) AS d
                    WHERE location_city LIKE 'Plan City %'""");
            sql.execute("ANALYZE silver.properties");
            sql.execute("ANALYZE silver.property_unavailable_nights");
        }
    }

    @Test
    void cityFilterUsesTheCityActiveIndex() throws SQLException {
        String plan = explain("SELECT * FROM silver.properties WHERE location_city = 'Plan City 7' AND is_active = TRUE LIMIT 20");
        assertTrue(plan.contains("idx_properties_city_active"), plan);
    }

    @Test
    void citySearchByRatingWalksTheCityRatingIndex() throws SQLException {
        String plan = explain(criteria("Plan City 7", null, null, null));
        assertTrue(plan.contains("idx_properties_search_city_rating"), plan);
    }

    @Test
    void citySearchByPriceWalksTheCityPriceIndex() throws SQLException {
        String plan = explain(criteria("Plan City 7", "price", null, null));
        assertTrue(plan.contains("idx_properties_search_city_price"), plan);
    }

    @Test
    void searchWithoutCityWalksTheRatingIndex() throws SQLException {
        String plan = explain(criteria(null, null, null, null));
        assertTrue(plan.contains("idx_properties_search_rating"), plan);
    }

    @Test
    void radiusSearchUsesTheGeoIndex() throws SQLException {
        String plan = explain(criteria(null, null, "35.0", "-85.0"));
        assertTrue(plan.contains("idx_properties_search_geo"), plan);
    }

    @Test
    void dateSearchAntiJoinsOnTheNightsKey() throws SQLException {
        LocalDate checkIn = LocalDate.now().plusDays(3);
        SearchCriteria criteria = SearchCriteria.parse("Plan City 7", null, null, null, null, null, checkIn.toString(),
                checkIn.plusDays(2).toString(), null, null, null, null, null, null, null);
        String plan = explain(criteria);
        assertTrue(plan.contains("idx_properties_search_city_"), plan);
        assertTrue(plan.contains("property_unavailable_nights_pkey"), plan);
        assertTrue(plan.contains("Anti Join"), plan);
    }

    private SearchCriteria criteria(String city, String sort, String latitude, String longitude) {
        return SearchCriteria.parse(city, null, null, null, null, null, null, null, latitude, longitude, null, sort, null,
                null, null);
    }

    private String explain(SearchCriteria criteria) throws SQLException {
        PropertySearchRepository.Statement statement = searches.build(criteria.search());
        return Explain.plan(dataSource, statement.sql.toString(), statement.parameters);
    }

    private String explain(String sql) throws SQLException {
        return Explain.plan(dataSource, sql, List.of());
    }
}
