package io.airstay.availability.repository;

import java.util.UUID;

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

    public void persist(Property property) {
        entityManager.persist(property);
    }
}
