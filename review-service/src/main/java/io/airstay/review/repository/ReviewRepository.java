package io.airstay.review.repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.airstay.platform.pagination.Cursors;
import io.airstay.review.model.Review;

@ApplicationScoped
public class ReviewRepository {

    private final EntityManager entityManager;

    public ReviewRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stores the review; a second review of the same stay fails on the unique booking_id. */
    public void persist(Review review) {
        entityManager.persist(review);
        entityManager.flush();
    }

    public boolean existsForStay(UUID bookingId) {
        return !entityManager.createQuery("SELECT 1 FROM Review r WHERE r.bookingId = :booking")
                .setParameter("booking", bookingId).setMaxResults(1).getResultList().isEmpty();
    }

    /** A listing's reviews newest first, after the keyset position when given (served by idx_reviews_property_created). */
    public List<Review> newestFirst(UUID propertyId, Cursors.NewestFirst after, int limit) {
        String jpql = "FROM Review r WHERE r.propertyId = :property"
                + (after == null ? "" : " AND (r.createdAt < :createdAt OR (r.createdAt = :createdAt AND r.id < :id))")
                + " ORDER BY r.createdAt DESC, r.id DESC";
        TypedQuery<Review> query = entityManager.createQuery(jpql, Review.class).setParameter("property", propertyId);
        if (after != null) {
            query.setParameter("createdAt", after.createdAt()).setParameter("id", after.id());
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** Count, averages and sentiment distribution; the distribution is an index-only scan of idx_reviews_sentiment. */
    @SuppressWarnings("unchecked")
    public ReviewStatistics statistics(UUID propertyId) {
        Object[] averages = (Object[]) entityManager.createNativeQuery("""
                SELECT count(*), avg(rating), avg(cleanliness_rating), avg(accuracy_rating), avg(communication_rating),
                       avg(location_rating), avg(value_rating)
                FROM silver.reviews WHERE property_id = ?1""").setParameter(1, propertyId).getSingleResult();
        List<Object[]> sentiments = entityManager.createNativeQuery("""
                SELECT sentiment_label, count(*) FROM silver.reviews WHERE property_id = ?1 GROUP BY sentiment_label""")
                .setParameter(1, propertyId).getResultList();
        long positive = 0;
        long neutral = 0;
        long negative = 0;
        for (Object[] row : sentiments) {
            long count = ((Number) row[1]).longValue();
            switch ((String) row[0]) {
                case "positive" -> positive = count;
                case "negative" -> negative = count;
                default -> neutral = count;
            }
        }
        return new ReviewStatistics(((Number) averages[0]).longValue(), average(averages[1]), average(averages[2]),
                average(averages[3]), average(averages[4]), average(averages[5]), average(averages[6]), positive, neutral,
                negative);
    }

    private static BigDecimal average(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
    }
}
