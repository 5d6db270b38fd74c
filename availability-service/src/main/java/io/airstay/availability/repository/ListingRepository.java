package io.airstay.availability.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.airstay.availability.model.Listing;

@ApplicationScoped
public class ListingRepository {

    private final EntityManager entityManager;

    public ListingRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Listing findById(UUID propertyId) {
        return entityManager.find(Listing.class, propertyId);
    }

    public void persist(Listing listing) {
        entityManager.persist(listing);
    }
}
