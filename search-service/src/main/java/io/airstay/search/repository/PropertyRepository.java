package io.airstay.search.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.airstay.search.model.Property;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PropertyRepository implements PanacheRepositoryBase<Property, UUID> {

    /** The listing, locked for update, so concurrent changes to it apply one after another. */
    public Optional<Property> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The listing as its row stands now, with its current version. The counter updates below change the row behind
     * the persistence context's back: a listing loaded earlier in the transaction (for an earlier event of the same
     * batch) would otherwise still show the figures and the version from before.
     */
    public Property current(UUID id) {
        Property property = findById(id);
        getEntityManager().refresh(property);
        return property;
    }

    /** The listing's host, active listing or not; empty for an unknown id. */
    public Optional<UUID> hostOf(UUID id) {
        return getEntityManager().createQuery("SELECT p.hostId FROM Property p WHERE p.id = :id", UUID.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /** The most booked active listings, best first (served by idx_properties_top). */
    public List<UUID> mostBookedIds(int limit) {
        return getEntityManager().createQuery("""
                SELECT p.id FROM Property p WHERE p.active = TRUE
                ORDER BY p.bookingCount DESC, p.id""", UUID.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Adds one review's rating to the property's figures; returns 0 when the property is unknown. */
    public int addReview(UUID id, int rating) {
        return getEntityManager().createNativeQuery("""
                UPDATE silver.properties SET review_count = review_count + 1, rating_sum = rating_sum + ?1, updated_at = now(),
                    version = version + 1
                WHERE property_id = ?2""")
                .setParameter(1, rating).setParameter(2, id)
                .executeUpdate();
    }

    /** Counts one more confirmed booking; returns 0 when the property is unknown. */
    public int addBooking(UUID id) {
        return getEntityManager().createNativeQuery(
                "UPDATE silver.properties SET booking_count = booking_count + 1, version = version + 1 WHERE property_id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    /** Uncounts a confirmed booking that was canceled; returns 0 when the property is unknown. */
    public int removeBooking(UUID id) {
        return getEntityManager().createNativeQuery("""
                UPDATE silver.properties SET booking_count = GREATEST(booking_count - 1, 0), version = version + 1
                WHERE property_id = ?1""")
                .setParameter(1, id).executeUpdate();
    }
}
