package io.airstay.availability.repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.airstay.availability.model.Property;

@ApplicationScoped
public class PropertyRepository {

    private final EntityManager entityManager;

    public PropertyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Property findById(UUID propertyId) {
        return entityManager.find(Property.class, propertyId);
    }

    /**
     * The listings with these ids, by id (unknown ids are absent). One array parameter, not an IN list: Hibernate
     * translates a query again for every new length of an IN list, and each batch of holds has its own.
     */
    public Map<UUID, Property> findAll(Collection<UUID> propertyIds) {
        List<Property> found = entityManager.unwrap(Session.class)
                .createNativeQuery("SELECT * FROM silver.listings WHERE property_id = ANY(:ids)", Property.class)
                .setParameter("ids", propertyIds.toArray(UUID[]::new)).getResultList();
        return found.stream().collect(Collectors.toMap(property -> property.id, property -> property));
    }

    public void persist(Property property) {
        entityManager.persist(property);
    }
}
