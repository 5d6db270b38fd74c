package io.airstay.search.messaging;

import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.airstay.search.service.ProjectionService;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Feeds other services' events into search's projections, each event applied once. */
@ApplicationScoped
public class ProjectionConsumers {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<EventEnvelope>> reviewHandlers;
    private final Map<String, Consumer<EventEnvelope>> bookingHandlers;
    private final Map<String, Consumer<EventEnvelope>> availabilityHandlers;

    public ProjectionConsumers(IdempotentConsumer consumer, ProjectionService projections) {
        this.consumer = consumer;
        this.reviewHandlers = Map.of("review.submitted", projections::reviewSubmitted);
        this.bookingHandlers = Map.of(
                "booking.confirmed", projections::bookingConfirmed,
                "booking.canceled", projections::bookingCanceled);
        this.availabilityHandlers = Map.of("availability.updated", projections::availabilityUpdated);
    }

    @Incoming("review-events")
    @Blocking
    public void onReviewEvent(String message) {
        consumer.process("search.reviews", message, reviewHandlers);
    }

    @Incoming("booking-events")
    @Blocking
    public void onBookingEvent(String message) {
        consumer.process("search.bookings", message, bookingHandlers);
    }

    @Incoming("availability-events")
    @Blocking
    public void onAvailabilityEvent(String message) {
        consumer.process("search.availability", message, availabilityHandlers);
    }
}
