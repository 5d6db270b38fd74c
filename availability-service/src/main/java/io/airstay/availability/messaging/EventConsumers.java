package io.airstay.availability.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.availability.messaging.events.BookingEnded;
import io.airstay.availability.messaging.events.BookingRequested;
import io.airstay.availability.service.HoldService;
import io.airstay.availability.service.ListingProjectionService;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** property-events build calendars; booking-events hold and release nights. Each event is applied once. */
@ApplicationScoped
public class EventConsumers {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<EventEnvelope>> propertyHandlers;
    private final Map<String, Consumer<EventEnvelope>> bookingHandlers;

    public EventConsumers(IdempotentConsumer consumer, ListingProjectionService listings, HoldService holds,
            EventCodec codec) {
        this.consumer = consumer;
        Consumer<EventEnvelope> listingChanged = listings::listingChanged;
        this.propertyHandlers = Map.of(
                "property.created", listingChanged,
                "property.updated", listingChanged,
                "property.deactivated", listingChanged);
        Consumer<EventEnvelope> release = event -> holds.release(codec.payload(event, BookingEnded.class).bookingId());
        this.bookingHandlers = Map.of(
                "booking.requested", event -> {
                    BookingRequested request = codec.payload(event, BookingRequested.class);
                    if (event.propertyId() == null || request.bookingId() == null) {
                        throw new MalformedEventException("booking.requested " + event.eventId() + " lacks ids", null);
                    }
                    holds.hold(event.propertyId(), event.userId(), request);
                },
                "booking.canceled", release,
                "booking.rejected", release);
    }

    @Incoming("property-events")
    @Blocking
    public void onPropertyEvent(String message) {
        consumer.process("availability.listings", message, propertyHandlers);
    }

    /** Batched: a burst of booking requests (a storm on one listing) is decided in one transaction. */
    @Incoming("booking-events")
    @Blocking
    public void onBookingEvents(List<String> messages) {
        consumer.processBatch("availability.holds", "booking-events", messages, bookingHandlers);
    }
}
