package io.airstay.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Test fixture: writes the analytics job's results as the job does, a run's rows and its gold.runs row in one
 * transaction. Stored rates are the month's own ratios, rounded as the columns round them.
 */
public final class GoldFixture {

    /** One month of stays: counts, revenue, and the averages over its bookings. */
    public record Stays(int available, int booked, String revenue, int bookings, int cancellations, String leadDays,
            String stayNights) {
    }

    /** One month of reviews in a city. */
    public record Reviews(int count, String avgRating, int positive, int neutral, int negative) {
    }

    private final EntityManager entityManager;
    private long runId;

    public GoldFixture(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Writes a run; {@code rows} adds its rows in the same transaction. Returns the run's id. */
    public long run(Consumer<GoldFixture> rows) {
        return QuarkusTransaction.requiringNew().call(() -> {
            runId = ((Number) entityManager.createNativeQuery("""
                    INSERT INTO gold.runs (started_at, finished_at, first_month, last_month, rows_read, rows_written)
                    VALUES (now() - interval '5 minutes', now(), DATE '2020-01-01', DATE '2030-12-01', 100, 10)
                    RETURNING run_id""").getSingleResult()).longValue();
            rows.accept(this);
            return runId;
        });
    }

    /** A listing's month, replacing the row of an earlier run. */
    public void listingMonth(UUID propertyId, String city, String month, Stays stays) {
        Query insert = entityManager.createNativeQuery("""
                INSERT INTO gold.listing_month_stats (property_id, month, city, nights_available, nights_booked, occupancy_rate,
                    revenue, adr, revpar, bookings, cancellations, cancellation_rate, avg_lead_time_days, avg_length_of_stay, run_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                ON CONFLICT (property_id, month) DO UPDATE SET nights_available = EXCLUDED.nights_available,
                    nights_booked = EXCLUDED.nights_booked, occupancy_rate = EXCLUDED.occupancy_rate, revenue = EXCLUDED.revenue,
                    adr = EXCLUDED.adr, revpar = EXCLUDED.revpar, bookings = EXCLUDED.bookings,
                    cancellations = EXCLUDED.cancellations, cancellation_rate = EXCLUDED.cancellation_rate,
                    avg_lead_time_days = EXCLUDED.avg_lead_time_days, avg_length_of_stay = EXCLUDED.avg_length_of_stay, run_id = EXCLUDED.run_id""");
        withStays(insert, stays).setParameter(1, propertyId).setParameter(2, LocalDate.parse(month + "-01")).setParameter(3, city)
                .setParameter(15, runId).executeUpdate();
    }

    /** A city's month. */
    public void cityMonth(String city, String month, int listings, Stays stays, Reviews reviews) {
        Query insert = entityManager.createNativeQuery("""
                INSERT INTO gold.city_month_stats (city, month, listings, nights_available, nights_booked, occupancy_rate, revenue,
                    adr, revpar, bookings, cancellations, cancellation_rate, avg_lead_time_days, avg_length_of_stay, reviews,
                    avg_rating, reviews_positive, reviews_neutral, reviews_negative, run_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)""");
        withStays(insert, stays).setParameter(1, city).setParameter(2, LocalDate.parse(month + "-01")).setParameter(3, listings)
                .setParameter(15, reviews.count()).setParameter(16, new BigDecimal(reviews.avgRating()))
                .setParameter(17, reviews.positive()).setParameter(18, reviews.neutral()).setParameter(19, reviews.negative())
                .setParameter(20, runId).executeUpdate();
    }

    /** Binds a month's stays to parameters 4 to 14, where both tables have them. */
    private static Query withStays(Query insert, Stays stays) {
        return insert.setParameter(4, stays.available()).setParameter(5, stays.booked())
                .setParameter(6, rate(stays.booked(), stays.available())).setParameter(7, new BigDecimal(stays.revenue()))
                .setParameter(8, amount(stays.revenue(), stays.booked())).setParameter(9, amount(stays.revenue(), stays.available()))
                .setParameter(10, stays.bookings()).setParameter(11, stays.cancellations())
                .setParameter(12, rate(stays.cancellations(), stays.bookings())).setParameter(13, new BigDecimal(stays.leadDays()))
                .setParameter(14, new BigDecimal(stays.stayNights()));
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal amount(String revenue, int nights) {
        return nights == 0 ? BigDecimal.ZERO : new BigDecimal(revenue).divide(BigDecimal.valueOf(nights), 2, RoundingMode.HALF_UP);
    }

    /** Replaces the popularity rankings: listings best first, then searches best first; none to clear them. */
    public void popular(List<UUID> listings, List<Object[]> searches) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("DELETE FROM gold.popular_listings").executeUpdate();
            entityManager.createNativeQuery("DELETE FROM gold.popular_searches").executeUpdate();
            for (int rank = 1; rank <= listings.size(); rank++) {
                entityManager.createNativeQuery("INSERT INTO gold.popular_listings (rank, property_id, score, run_id) VALUES (?1, ?2, ?3, 0)")
                        .setParameter(1, rank).setParameter(2, listings.get(rank - 1)).setParameter(3, 100.0 / rank).executeUpdate();
            }
            for (int rank = 1; rank <= searches.size(); rank++) {
                Object[] search = searches.get(rank - 1);
                entityManager.createNativeQuery("""
                        INSERT INTO gold.popular_searches (rank, city, guests, bedrooms, price_band, score, run_id)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)""")
                        .setParameter(1, rank).setParameter(2, search[0]).setParameter(3, search[1]).setParameter(4, search[2])
                        .setParameter(5, search[3]).setParameter(6, 100.0 / rank).executeUpdate();
            }
        });
    }
}
