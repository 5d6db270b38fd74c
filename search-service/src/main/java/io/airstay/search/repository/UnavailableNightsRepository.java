package io.airstay.search.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** silver.property_unavailable_nights: the nights each property cannot be booked, which date searches exclude. */
@ApplicationScoped
public class UnavailableNightsRepository {

    private final EntityManager entityManager;

    public UnavailableNightsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Makes {@code nights} the property's only unavailable nights within [start, end). */
    public void replaceWindow(UUID propertyId, LocalDate start, LocalDate end, List<LocalDate> nights) {
        entityManager.createNativeQuery("""
                DELETE FROM silver.property_unavailable_nights WHERE property_id = ?1 AND night >= ?2 AND night < ?3""")
                .setParameter(1, propertyId).setParameter(2, start).setParameter(3, end).executeUpdate();
        if (!nights.isEmpty()) {
            entityManager.createNativeQuery("""
                    INSERT INTO silver.property_unavailable_nights (property_id, night)
                    SELECT ?1, night FROM unnest(cast(?2 AS date[])) AS night ON CONFLICT DO NOTHING""")
                    .setParameter(1, propertyId)
                    .setParameter(2, nights.stream().map(LocalDate::toString).toArray(String[]::new))
                    .executeUpdate();
        }
    }
}
