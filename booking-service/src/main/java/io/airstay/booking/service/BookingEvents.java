package io.airstay.booking.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.booking.messaging.events.BookingFacts;
import io.airstay.booking.model.Booking;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.outbox.Outbox;

/** Publishes booking-events through the outbox, in the transaction of the change they announce. */
@ApplicationScoped
public class BookingEvents {

    public static final String TOPIC = "booking-events";
    private static final String SOURCE = "booking-service";

    private final Outbox outbox;
    private final EventCodec codec;

    public BookingEvents(Outbox outbox, EventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String eventType, Booking booking, String previousStatus, String reason) {
        BookingFacts facts = new BookingFacts(booking.id, booking.guestId, booking.checkIn, booking.checkOut,
                booking.numGuests, booking.totalPrice, previousStatus, reason);
        outbox.publish(TOPIC, EventEnvelope.create(eventType, booking.propertyId, booking.guestId, codec.toPayload(facts), SOURCE));
    }
}
