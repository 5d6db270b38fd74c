package io.airstay.review.service;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.contracts.booking.BookingFacts;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.review.model.Stay;
import io.airstay.review.repository.StayRepository;

/** Follows booking-events: each stay's current status, which decides whether its guest may review it. */
@ApplicationScoped
public class StayProjection {

    private final StayRepository stays;
    private final EventCodec codec;

    public StayProjection(StayRepository stays, EventCodec codec) {
        this.stays = stays;
        this.codec = codec;
    }

    /** Records the status the event puts the booking in ({@code booking.completed} makes it COMPLETED, ...). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bookingChanged(EventEnvelope event) {
        BookingFacts facts = codec.payload(event, BookingFacts.class);
        if (facts.bookingId() == null || facts.guestId() == null || event.propertyId() == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " lacks booking, guest or property", null);
        }
        String status = event.eventType().substring(event.eventType().indexOf('.') + 1).toUpperCase(Locale.ROOT);
        Optional<Stay> known = stays.find(facts.bookingId());
        if (known.isPresent() && Stay.COMPLETED.equals(known.get().status)) {
            return; // a completed stay stays reviewable whatever arrives late
        }
        Stay stay = known.orElseGet(Stay::new);
        stay.bookingId = facts.bookingId();
        stay.propertyId = event.propertyId();
        stay.guestId = facts.guestId();
        stay.checkIn = facts.checkInDate();
        stay.checkOut = facts.checkOutDate();
        stay.status = status;
        stay.updatedAt = Instant.now();
        stays.save(stay);
    }
}
