package io.airstay.booking.service;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.booking.model.Booking;
import io.airstay.contracts.booking.BookingFacts;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.outbox.Outbox;

/** Publishes booking-events through the outbox, in the transaction of the change they announce. */
@ApplicationScoped
public class BookingEvents {

    private static final String SOURCE = "booking-service";

    private final Outbox outbox;
    private final EventCodec codec;

    public BookingEvents(Outbox outbox, EventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    /** Announces the booking as {@code eventType}, one of {@link BookingTopic}'s types. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String eventType, Booking booking, String previousStatus, String reason) {
        outbox.publish(BookingTopic.NAME, envelope(eventType, booking, previousStatus, reason));
    }

    /** Announces each booking as {@code eventType}, with one outbox statement; {@code reason} gives each one's reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String eventType, List<Booking> bookings, String previousStatus, Function<Booking, String> reason) {
        outbox.publishAll(BookingTopic.NAME,
                bookings.stream().map(booking -> envelope(eventType, booking, previousStatus, reason.apply(booking))).toList());
    }

    private EventEnvelope envelope(String eventType, Booking booking, String previousStatus, String reason) {
        BookingFacts facts = new BookingFacts(booking.id, booking.guestId, booking.checkIn, booking.checkOut,
                booking.numGuests, booking.totalPrice, previousStatus, reason);
        // The person behind the change: the guest, or whoever canceled (the guest or the listing's host).
        UUID actor = booking.canceledBy != null ? booking.canceledBy : booking.guestId;
        return EventEnvelope.create(eventType, booking.propertyId, actor, codec.toPayload(facts), SOURCE);
    }
}
