package io.airstay.search.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.airstay.search.service.PropertyCountsProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** booking-events keep each property's count of confirmed bookings; each event is applied once. */
@ApplicationScoped
public class BookingEventsConsumer {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<List<EventEnvelope>>> handlers;

    public BookingEventsConsumer(IdempotentConsumer consumer, PropertyCountsProjection counts) {
        this.consumer = consumer;
        this.handlers = IdempotentConsumer.oneByOne(Map.of(
                BookingTopic.CONFIRMED, counts::bookingConfirmed,
                BookingTopic.CANCELED, counts::bookingCanceled));
    }

    @Incoming(BookingTopic.NAME)
    @Blocking
    public void onBookingEvent(List<String> messages) {
        consumer.processBatch("search.bookings", BookingTopic.NAME, messages, handlers);
    }
}
