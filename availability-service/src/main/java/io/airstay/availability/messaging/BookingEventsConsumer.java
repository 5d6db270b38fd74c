package io.airstay.availability.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.availability.service.HoldService;
import io.airstay.contracts.booking.BookingFacts;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** booking-events hold and release nights; each event is applied once. */
@ApplicationScoped
public class BookingEventsConsumer {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<List<EventEnvelope>>> handlers;

    public BookingEventsConsumer(IdempotentConsumer consumer, HoldService holds, EventCodec codec) {
        this.consumer = consumer;
        Consumer<List<EventEnvelope>> release = IdempotentConsumer.oneByOne(
                event -> holds.release(codec.payload(event, BookingFacts.class).bookingId()));
        this.handlers = Map.of(
                BookingTopic.REQUESTED, requests -> holds.holdAll(requests.stream().map(event -> holdRequest(event, codec)).toList()),
                BookingTopic.CANCELED, release,
                BookingTopic.REJECTED, release,
                BookingTopic.EXPIRED, release);
    }

    private static HoldService.HoldRequest holdRequest(EventEnvelope event, EventCodec codec) {
        BookingFacts request = codec.payload(event, BookingFacts.class);
        if (event.propertyId() == null || request.bookingId() == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " lacks ids", null);
        }
        return new HoldService.HoldRequest(event.propertyId(), event.userId(), request);
    }

    /** Batched: a poll of booking requests is decided as a set, in one transaction (HoldService#holdAll). */
    @Incoming(BookingTopic.NAME)
    @Blocking(IdempotentConsumer.SAGA_WORKER)
    public void onBookingEvents(List<String> messages) {
        consumer.processBatch("availability.holds", BookingTopic.NAME, messages, handlers);
    }
}
