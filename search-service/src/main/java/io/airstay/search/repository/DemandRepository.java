package io.airstay.search.repository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Adds counted demand to the daily counters (silver.listing_views_daily, silver.search_requests_daily), in one
 * transaction per flush. Rows are written in key order, so that replicas flushing the same keys at once wait for each
 * other instead of deadlocking.
 */
@ApplicationScoped
public class DemandRepository {

    /** A listing's views on a day. */
    public record ViewKey(UUID propertyId, LocalDate day) implements Comparable<ViewKey> {
        @Override
        public int compareTo(ViewKey other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : propertyId.compareTo(other.propertyId);
        }
    }

    /** Searches on a day: city lower-cased or '', guests and bedrooms or 0, price band or 'any'. */
    public record SearchKey(LocalDate day, String city, int guests, int bedrooms, String priceBand) implements Comparable<SearchKey> {
        @Override
        public int compareTo(SearchKey other) {
            int order = day.compareTo(other.day);
            order = order != 0 ? order : city.compareTo(other.city);
            order = order != 0 ? order : Integer.compare(guests, other.guests);
            order = order != 0 ? order : Integer.compare(bedrooms, other.bedrooms);
            return order != 0 ? order : priceBand.compareTo(other.priceBand);
        }
    }

    private final AgroalDataSource primary;

    public DemandRepository(AgroalDataSource primary) {
        this.primary = primary;
    }

    /** Adds the counts (sorted maps: written in key order) to the rows, creating those that do not exist. */
    public void add(Map<ViewKey, Long> views, Map<SearchKey, Long> searches) throws SQLException {
        try (Connection connection = primary.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO silver.listing_views_daily (property_id, day, views) VALUES (?, ?, ?)
                        ON CONFLICT (property_id, day) DO UPDATE SET views = listing_views_daily.views + EXCLUDED.views""")) {
                    for (Map.Entry<ViewKey, Long> view : views.entrySet()) {
                        upsert.setObject(1, view.getKey().propertyId());
                        upsert.setDate(2, Date.valueOf(view.getKey().day()));
                        upsert.setLong(3, view.getValue());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
                try (PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO silver.search_requests_daily (day, city, guests, bedrooms, price_band, requests)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (day, city, guests, bedrooms, price_band)
                        DO UPDATE SET requests = search_requests_daily.requests + EXCLUDED.requests""")) {
                    for (Map.Entry<SearchKey, Long> search : searches.entrySet()) {
                        SearchKey key = search.getKey();
                        upsert.setDate(1, Date.valueOf(key.day()));
                        upsert.setString(2, key.city());
                        upsert.setInt(3, key.guests());
                        upsert.setInt(4, key.bedrooms());
                        upsert.setString(5, key.priceBand());
                        upsert.setLong(6, search.getValue());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
