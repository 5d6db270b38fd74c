package io.airstay.availability.repository;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Set-based SQL over {@code silver.availability_calendar}. Every method runs in the caller's transaction;
 * ranges are half-open, [from, to).
 */
@ApplicationScoped
public class CalendarRepository {

    private final EntityManager entityManager;

    public CalendarRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Adds the nights of [from, to) that do not exist yet. */
    public int createNights(UUID propertyId, LocalDate from, LocalDate to, BigDecimal price, int minimumNights) {
        return entityManager.createNativeQuery("""
                INSERT INTO silver.availability_calendar (property_id, calendar_date, price, minimum_nights)
                SELECT ?1, CAST(night AS date), ?2, ?3
                FROM generate_series(CAST(?4 AS date), CAST(?5 AS date) - 1, interval '1 day') AS night
                ON CONFLICT DO NOTHING""")
                .setParameter(1, propertyId).setParameter(2, price).setParameter(3, minimumNights)
                .setParameter(4, Date.valueOf(from)).setParameter(5, Date.valueOf(to))
                .executeUpdate();
    }

    /** Active listings whose calendar ends before {@code lastNight}. */
    @SuppressWarnings("unchecked")
    public List<UUID> propertiesEndingBefore(LocalDate lastNight) {
        return entityManager.createNativeQuery("SELECT property_id FROM silver.listings WHERE is_active AND horizon_end < ?1")
                .setParameter(1, Date.valueOf(lastNight)).getResultList();
    }

    /** Extends every active listing's calendar to {@code lastNight}, at its base price; returns nights added. */
    public int extendActiveHorizons(LocalDate lastNight) {
        int added = entityManager.createNativeQuery("""
                INSERT INTO silver.availability_calendar (property_id, calendar_date, price, minimum_nights)
                SELECT l.property_id, CAST(night AS date), l.base_price, l.minimum_nights
                FROM silver.listings l,
                     generate_series(GREATEST(l.horizon_end + 1, current_date), CAST(?1 AS date), interval '1 day') AS night
                WHERE l.is_active AND l.horizon_end < ?1
                ON CONFLICT DO NOTHING""")
                .setParameter(1, Date.valueOf(lastNight)).executeUpdate();
        entityManager.createNativeQuery("UPDATE silver.listings SET horizon_end = ?1 WHERE is_active AND horizon_end < ?1")
                .setParameter(1, Date.valueOf(lastNight)).executeUpdate();
        return added;
    }

    /** New listing price for nights from {@code from} that are not held and were not priced by the host. */
    public int repriceFreeNights(UUID propertyId, BigDecimal price, LocalDate from) {
        return entityManager.createNativeQuery("""
                UPDATE silver.availability_calendar SET price = ?2, updated_at = now()
                WHERE property_id = ?1 AND calendar_date >= ?3 AND booking_id IS NULL AND NOT price_override
                  AND price <> ?2""")
                .setParameter(1, propertyId).setParameter(2, price).setParameter(3, Date.valueOf(from)).executeUpdate();
    }

    public int setMinimumNights(UUID propertyId, int minimumNights, LocalDate from) {
        return entityManager.createNativeQuery("""
                UPDATE silver.availability_calendar SET minimum_nights = ?2, updated_at = now()
                WHERE property_id = ?1 AND calendar_date >= ?3 AND minimum_nights <> ?2""")
                .setParameter(1, propertyId).setParameter(2, minimumNights).setParameter(3, Date.valueOf(from))
                .executeUpdate();
    }

    /** The nights of [from, to), oldest first. */
    public List<CalendarNight> range(UUID propertyId, LocalDate from, LocalDate to) {
        return nights("""
                SELECT calendar_date, price, minimum_nights, booking_id, blocked FROM silver.availability_calendar
                WHERE property_id = ?1 AND calendar_date >= ?2 AND calendar_date < ?3 ORDER BY calendar_date""",
                propertyId, from, to);
    }

    /**
     * The nights of [from, to), locked until the transaction ends. Locks are taken in date order, so
     * overlapping holds queue behind each other instead of deadlocking, and each sees the rows as the
     * previous holder committed them.
     */
    public List<CalendarNight> lockRange(UUID propertyId, LocalDate from, LocalDate to) {
        return nights("""
                SELECT calendar_date, price, minimum_nights, booking_id, blocked FROM silver.availability_calendar
                WHERE property_id = ?1 AND calendar_date >= ?2 AND calendar_date < ?3 ORDER BY calendar_date
                FOR UPDATE""", propertyId, from, to);
    }

    /**
     * The nights of every stay, locked until the transaction ends, with one statement: per listing, oldest first.
     * Locks are taken in (listing, date) order whatever the order of the stays, so concurrent sets of holds queue
     * behind each other instead of deadlocking.
     */
    public Map<UUID, NavigableMap<LocalDate, CalendarNight>> lockStays(List<Stay> stays) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.property_id, c.calendar_date, c.price, c.minimum_nights, c.booking_id, c.blocked
                    FROM unnest(?, ?, ?) AS s(property_id, check_in, check_out)
                    JOIN silver.availability_calendar c ON c.property_id = s.property_id
                         AND c.calendar_date >= s.check_in AND c.calendar_date < s.check_out
                    ORDER BY c.property_id, c.calendar_date
                    FOR UPDATE OF c""")) {
                bindStays(connection, select, stays);
                Map<UUID, NavigableMap<LocalDate, CalendarNight>> nights = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        LocalDate date = rows.getObject(2, LocalDate.class);
                        nights.computeIfAbsent(rows.getObject(1, UUID.class), id -> new TreeMap<>()).put(date,
                                new CalendarNight(date, rows.getBigDecimal(3), rows.getInt(4), rows.getObject(5, UUID.class),
                                        rows.getBoolean(6)));
                    }
                }
                return nights;
            }
        });
    }

    /** Gives each stay's free nights to its booking, with one statement; returns how many nights were taken. */
    public int holdAll(List<Stay> stays) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE silver.availability_calendar c SET booking_id = s.booking_id, updated_at = now()
                    FROM unnest(?, ?, ?, ?) AS s(property_id, check_in, check_out, booking_id)
                    WHERE c.property_id = s.property_id AND c.calendar_date >= s.check_in AND c.calendar_date < s.check_out
                      AND c.booking_id IS NULL AND NOT c.blocked""")) {
                bindStays(connection, update, stays);
                update.setArray(4, connection.createArrayOf("uuid", stays.stream().map(Stay::bookingId).toArray()));
                return update.executeUpdate();
            }
        });
    }

    /** Frees exactly the nights the booking holds; returns them (empty when it holds none). */
    @SuppressWarnings("unchecked")
    public List<Released> release(UUID bookingId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                UPDATE silver.availability_calendar SET booking_id = NULL, updated_at = now()
                WHERE booking_id = ?1 RETURNING property_id, calendar_date""")
                .setParameter(1, bookingId).getResultList();
        return rows.stream().map(row -> new Released((UUID) row[0], toLocalDate(row[1]))).sorted(
                Comparator.comparing(Released::date)).toList();
    }

    /** Host change: blocks or unblocks the nights of [from, to). */
    public int setBlocked(UUID propertyId, LocalDate from, LocalDate to, boolean blocked) {
        return entityManager.createNativeQuery("""
                UPDATE silver.availability_calendar SET blocked = ?4, updated_at = now()
                WHERE property_id = ?1 AND calendar_date >= ?2 AND calendar_date < ?3""")
                .setParameter(1, propertyId).setParameter(2, Date.valueOf(from)).setParameter(3, Date.valueOf(to))
                .setParameter(4, blocked).executeUpdate();
    }

    /** Host change: the price of the nights of [from, to), kept through later listing price changes. */
    public int setHostPrice(UUID propertyId, LocalDate from, LocalDate to, BigDecimal price) {
        return entityManager.createNativeQuery("""
                UPDATE silver.availability_calendar SET price = ?4, price_override = TRUE, updated_at = now()
                WHERE property_id = ?1 AND calendar_date >= ?2 AND calendar_date < ?3""")
                .setParameter(1, propertyId).setParameter(2, Date.valueOf(from)).setParameter(3, Date.valueOf(to))
                .setParameter(4, price).executeUpdate();
    }

    /** The nights of [from, to) that cannot be booked now. */
    @SuppressWarnings("unchecked")
    public List<LocalDate> unavailableDates(UUID propertyId, LocalDate from, LocalDate to) {
        List<Object> dates = entityManager.createNativeQuery("""
                SELECT calendar_date FROM silver.availability_calendar
                WHERE property_id = ?1 AND calendar_date >= ?2 AND calendar_date < ?3 AND NOT is_available
                ORDER BY calendar_date""")
                .setParameter(1, propertyId).setParameter(2, Date.valueOf(from)).setParameter(3, Date.valueOf(to))
                .getResultList();
        return dates.stream().map(CalendarRepository::toLocalDate).toList();
    }

    @SuppressWarnings("unchecked")
    private List<CalendarNight> nights(String sql, UUID propertyId, LocalDate from, LocalDate to) {
        List<Object[]> rows = entityManager.createNativeQuery(sql)
                .setParameter(1, propertyId).setParameter(2, Date.valueOf(from)).setParameter(3, Date.valueOf(to))
                .getResultList();
        return rows.stream().map(row -> new CalendarNight(toLocalDate(row[0]), (BigDecimal) row[1],
                ((Number) row[2]).intValue(), (UUID) row[3], (Boolean) row[4])).toList();
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }

    /** Binds the stays as the first three parameters: arrays of listing ids, check-ins and check-outs. */
    private static void bindStays(Connection connection, PreparedStatement statement, List<Stay> stays) throws SQLException {
        statement.setArray(1, connection.createArrayOf("uuid", stays.stream().map(Stay::propertyId).toArray()));
        statement.setArray(2, connection.createArrayOf("date", stays.stream().map(stay -> Date.valueOf(stay.checkIn())).toArray()));
        statement.setArray(3, connection.createArrayOf("date", stays.stream().map(stay -> Date.valueOf(stay.checkOut())).toArray()));
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof LocalDate date ? date : ((Date) value).toLocalDate();
    }

    /** A night freed by a release. */
    public record Released(UUID propertyId, LocalDate date) {
    }
}
