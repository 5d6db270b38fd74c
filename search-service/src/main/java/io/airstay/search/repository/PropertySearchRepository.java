package io.airstay.search.repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * Runs searches on the read replica ({@link ReadReplica}; the primary when there is none, or it does not answer).
 * <p>
 * One statement per search, no per-row subqueries: filters and the keyset position are index
 * conditions, the sort walks an index where one exists, and LIMIT stops the scan after a page.
 * Availability is an anti-join on the unavailable-nights primary key.
 */
@ApplicationScoped
public class PropertySearchRepository {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double KM_PER_DEGREE_LATITUDE = 111.195;
    private static final String DISTANCE_KM = """
            (2 * %s * asin(sqrt(power(sin(radians(p.latitude - ?) / 2), 2)
                + cos(radians(?)) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ?) / 2), 2))))"""
            .formatted(EARTH_RADIUS_KM);

    private final ReadReplica replica;

    public PropertySearchRepository(ReadReplica replica) {
        this.replica = replica;
    }

    /** Up to {@code pageSize + 1} hits: the extra one only tells that a next page exists. */
    public List<SearchHit> search(PropertySearch search) {
        Statement statement = build(search);
        try {
            return replica.read(connection -> {
                try (PreparedStatement select = connection.prepareStatement(statement.sql.toString())) {
                    for (int i = 0; i < statement.parameters.size(); i++) {
                        select.setObject(i + 1, statement.parameters.get(i));
                    }
                    List<SearchHit> hits = new ArrayList<>(search.pageSize() + 1);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            hits.add(toHit(rs, search));
                        }
                    }
                    return hits;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("search failed", e);
        }
    }

    /** The statement a search runs, with its parameters; exposed for EXPLAIN checks. */
    public Statement build(PropertySearch c) {
        Statement s = new Statement();
        s.sql.append("""
                SELECT p.property_id, p.listing_id, p.title, p.property_type, p.location_city, p.neighborhood,
                       p.bedrooms, p.bathrooms, p.max_guests, p.base_price, cardinality(p.amenities) AS amenities_count,
                       p.property_rating, p.review_count, p.property_images[1] AS primary_image""");
        if (c.hasLocation()) {
            s.sql.append(", ").append(DISTANCE_KM).append(" AS distance_km");
            s.add(c.latitude()).add(c.latitude()).add(c.longitude());
        }
        s.sql.append("\nFROM silver.properties p\nWHERE p.is_active = TRUE");
        if (c.city() != null) {
            s.where("lower(p.location_city) = ?", c.city());
        }
        if (c.propertyType() != null) {
            s.where("p.property_type = ?", c.propertyType());
        }
        if (c.numGuests() != null) {
            s.where("p.max_guests >= ?", c.numGuests());
        }
        if (c.minBedrooms() != null) {
            s.where("p.bedrooms >= ?", c.minBedrooms());
        }
        if (c.minPrice() != null) {
            s.where("p.base_price >= ?", c.minPrice());
        }
        if (c.maxPrice() != null) {
            s.where("p.base_price <= ?", c.maxPrice());
        }
        if (c.hasLocation()) {
            double latitudeSpan = c.radiusKm() / KM_PER_DEGREE_LATITUDE;
            double cosLatitude = Math.max(Math.cos(Math.toRadians(c.latitude())), 1e-6);
            double longitudeSpan = Math.min(180, latitudeSpan / cosLatitude);
            s.where("p.latitude BETWEEN ? AND ?", c.latitude() - latitudeSpan, c.latitude() + latitudeSpan);
            s.where("p.longitude BETWEEN ? AND ?", c.longitude() - longitudeSpan, c.longitude() + longitudeSpan);
            s.sql.append("\n  AND ").append(DISTANCE_KM).append(" <= ?");
            s.add(c.latitude()).add(c.latitude()).add(c.longitude()).add(c.radiusKm());
        }
        if (c.hasDates()) {
            s.where("""
                    NOT EXISTS (SELECT 1 FROM silver.property_unavailable_nights u
                                WHERE u.property_id = p.property_id AND u.night >= ? AND u.night < ?)""",
                    Date.valueOf(c.checkIn()), Date.valueOf(c.checkOut()));
        }
        if (c.after() != null) {
            keysetCondition(s, c);
        }
        s.sql.append("\nORDER BY ").append(orderBy(c.sort()));
        s.sql.append("\nLIMIT ?");
        s.add(c.pageSize() + 1);
        if (c.offset() > 0) {
            s.sql.append(" OFFSET ?");
            s.add(c.offset());
        }
        return s;
    }

    private static void keysetCondition(Statement s, PropertySearch c) {
        BigDecimal value = c.after().sortValue();
        UUID id = c.after().propertyId();
        switch (c.sort()) {
            case RATING -> s.where("(p.property_rating, p.property_id) < (?, ?)", value, id);
            case PRICE -> s.where("(p.base_price, p.property_id) > (?, ?)", value, id);
            case PRICE_DESC -> s.where("(p.base_price, p.property_id) < (?, ?)", value, id);
            case DISTANCE -> {
                s.sql.append("\n  AND (").append(DISTANCE_KM).append(", p.property_id) > (?, ?)");
                s.add(c.latitude()).add(c.latitude()).add(c.longitude()).add(value.doubleValue()).add(id);
            }
        }
    }

    private static String orderBy(SearchSort sort) {
        return switch (sort) {
            case RATING -> "p.property_rating DESC, p.property_id DESC";
            case PRICE -> "p.base_price, p.property_id";
            case PRICE_DESC -> "p.base_price DESC, p.property_id DESC";
            case DISTANCE -> "distance_km, p.property_id";
        };
    }

    private static SearchHit toHit(ResultSet rs, PropertySearch c) throws SQLException {
        BigDecimal rating = rs.getBigDecimal("property_rating");
        BigDecimal basePrice = rs.getBigDecimal("base_price");
        Double distance = c.hasLocation() ? rs.getDouble("distance_km") : null;
        BigDecimal sortValue = switch (c.sort()) {
            case RATING -> rating;
            case PRICE, PRICE_DESC -> basePrice;
            case DISTANCE -> BigDecimal.valueOf(distance);
        };
        return new SearchHit(rs.getObject("property_id", UUID.class), rs.getLong("listing_id"), rs.getString("title"),
                rs.getString("property_type"), rs.getString("location_city"), rs.getString("neighborhood"),
                rs.getInt("bedrooms"), rs.getBigDecimal("bathrooms"), rs.getInt("max_guests"), basePrice,
                rs.getInt("amenities_count"), rating, rs.getInt("review_count"), rs.getString("primary_image"), distance,
                sortValue);
    }

    /** SQL text and its positional parameters, built together so they cannot drift apart. */
    public static final class Statement {
        public final StringBuilder sql = new StringBuilder();
        public final List<Object> parameters = new ArrayList<>();

        Statement add(Object parameter) {
            parameters.add(parameter);
            return this;
        }

        void where(String condition, Object... values) {
            sql.append("\n  AND ").append(condition);
            for (Object value : values) {
                add(value);
            }
        }
    }
}
