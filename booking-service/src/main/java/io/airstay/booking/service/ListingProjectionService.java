package io.airstay.booking.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.airstay.booking.messaging.events.PropertyFacts;
import io.airstay.booking.model.Listing;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;

/** Keeps booking's copy of the listing facts it validates and prices requests with. */
@ApplicationScoped
public class ListingProjectionService {

    private final EntityManager entityManager;
    private final EventCodec codec;

    public ListingProjectionService(EntityManager entityManager, EventCodec codec) {
        this.entityManager = entityManager;
        this.codec = codec;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void listingChanged(EventEnvelope event) {
        PropertyFacts facts = codec.payload(event, PropertyFacts.class);
        if (event.propertyId() == null || facts.maxGuests() == null || facts.minimumNights() == null
                || facts.maximumNights() == null || facts.basePrice() == null || facts.cleaningFee() == null
                || facts.isActive() == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " lacks listing facts", null);
        }
        Listing listing = entityManager.find(Listing.class, event.propertyId());
        boolean isNew = listing == null;
        if (isNew) {
            listing = new Listing();
            listing.id = event.propertyId();
        }
        listing.maxGuests = facts.maxGuests();
        listing.minimumNights = facts.minimumNights();
        listing.maximumNights = facts.maximumNights();
        listing.basePrice = facts.basePrice();
        listing.cleaningFee = facts.cleaningFee();
        listing.active = facts.isActive();
        listing.updatedAt = Instant.now();
        if (isNew) {
            entityManager.persist(listing);
        }
    }
}
