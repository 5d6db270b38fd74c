package io.airstay.review.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.review.messaging.events.BookingFacts;
import io.airstay.review.model.Stay;

/** Follows booking-events: each stay's current status, which decides whether its guest may review it. */
@ApplicationScoped
public class StayProjectionService {

    private final EntityManager entityManager;
    private final EventCodec codec;

    public StayProjectionService(EntityManager entityManager, EventCodec codec) {
        this.entityManager = entityManager;
        this.codec = codec;
    }

    /** Records the status the event puts the booking in ({@code booking.completed} makes it COMPLETED, ...). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bookingChanged(EventEnvelope event) {
        BookingFacts facts = codec.payload(event, BookingFacts.class);
        if (facts.bookingId() == null || facts.guestId() == null || event.propertyId() == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " lacks booking, guest or listing", null);
        }
        String status = event.eventType().substring("booking.".length()).toUpperCase();
        Stay stay = entityManager.find(Stay.class, facts.bookingId());
        boolean isNew = stay == null;
        if (isNew) {
            stay = new Stay();
            stay.bookingId = facts.bookingId();
        } else if (Stay.COMPLETED.equals(stay.status)) {
            return; // a completed stay stays reviewable whatever arrives late
        }
        stay.propertyId = event.propertyId();
        stay.guestId = facts.guestId();
        stay.checkIn = facts.checkInDate();
        stay.checkOut = facts.checkOutDate();
        stay.status = status;
        stay.updatedAt = Instant.now();
        if (isNew) {
            entityManager.persist(stay);
        }
    }
}
