package io.airstay.booking.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.booking.service.ListingProjectionService;
import io.airstay.booking.service.SagaService;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** property-events keep the listing projection; availability-events settle bookings. Each event is applied once. */
@ApplicationScoped
public class EventConsumers {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<EventEnvelope>> propertyHandlers;
    private final Map<String, Consumer<EventEnvelope>> availabilityHandlers;

    public EventConsumers(IdempotentConsumer consumer, ListingProjectionService listings, SagaService saga) {
        this.consumer = consumer;
        Consumer<EventEnvelope> listingChanged = listings::listingChanged;
        this.propertyHandlers = Map.of(
                "property.created", listingChanged,
                "property.updated", listingChanged,
                "property.deactivated", listingChanged);
        this.availabilityHandlers = Map.of(
                "availability.held", saga::nightsHeld,
                "availability.rejected", saga::holdRejected);
    }

    @Incoming("property-events")
    @Blocking
    public void onPropertyEvent(String message) {
        consumer.process("booking.listings", message, propertyHandlers);
    }

    /** Batched: the outcomes of a burst of holds are settled in one transaction. */
    @Incoming("availability-events")
    @Blocking
    public void onAvailabilityEvents(List<String> messages) {
        consumer.processBatch("booking.saga", "availability-events", messages, availabilityHandlers);
    }
}
