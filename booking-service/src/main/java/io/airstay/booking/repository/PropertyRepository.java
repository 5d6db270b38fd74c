package io.airstay.booking.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.airstay.booking.model.Property;

@ApplicationScoped
public class PropertyRepository {

    private final EntityManager entityManager;

    public PropertyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<Property> find(UUID propertyId) {
        return Optional.ofNullable(entityManager.find(Property.class, propertyId));
    }

    public void persist(Property property) {
        entityManager.persist(property);
    }
}
