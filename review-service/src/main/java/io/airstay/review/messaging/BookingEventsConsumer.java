package io.airstay.review.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.airstay.review.service.StayProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** booking-events keep the stays projection that decides who may review. Each event is applied once. */
@ApplicationScoped
public class BookingEventsConsumer {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<List<EventEnvelope>>> handlers;

    public BookingEventsConsumer(IdempotentConsumer consumer, StayProjection stays) {
        this.consumer = consumer;
        Consumer<EventEnvelope> bookingChanged = stays::bookingChanged;
        this.handlers = IdempotentConsumer.oneByOne(Map.of(
                BookingTopic.REQUESTED, bookingChanged,
                BookingTopic.CONFIRMED, bookingChanged,
                BookingTopic.REJECTED, bookingChanged,
                BookingTopic.CANCELED, bookingChanged,
                BookingTopic.COMPLETED, bookingChanged,
                BookingTopic.EXPIRED, bookingChanged));
    }

    @Incoming(BookingTopic.NAME)
    @Blocking
    public void onBookingEvent(List<String> messages) {
        consumer.processBatch("review.stays", BookingTopic.NAME, messages, handlers);
    }
}
