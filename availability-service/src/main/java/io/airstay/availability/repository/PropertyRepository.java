package io.airstay.availability.repository;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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

    /** The listings with these ids, by id (unknown ids are absent). */
    public Map<UUID, Property> findAll(Collection<UUID> propertyIds) {
        return entityManager.createQuery("FROM Property p WHERE p.id IN :ids", Property.class)
                .setParameter("ids", propertyIds).getResultStream()
                .collect(Collectors.toMap(property -> property.id, property -> property));
    }

    public void persist(Property property) {
        entityManager.persist(property);
    }
}
