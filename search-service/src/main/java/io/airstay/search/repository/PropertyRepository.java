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

    /** The most booked active listings, best first (served by idx_properties_top). */
    public List<UUID> topListingIds(int limit) {
        return getEntityManager().createQuery("""
                SELECT p.id FROM Property p WHERE p.active = TRUE
                ORDER BY p.bookingCount DESC, p.id""", UUID.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
