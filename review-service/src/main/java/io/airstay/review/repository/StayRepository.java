package io.airstay.review.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.airstay.review.model.Stay;

@ApplicationScoped
public class StayRepository {

    private final EntityManager entityManager;

    public StayRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<Stay> find(UUID bookingId) {
        return Optional.ofNullable(entityManager.find(Stay.class, bookingId));
    }

    /** Stores a new stay; one already loaded is stored at commit anyway. */
    public void save(Stay stay) {
        entityManager.persist(stay);
    }
}
