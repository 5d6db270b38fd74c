package io.airstay.search.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.airstay.search.service.UnavailableNightsProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** availability-events keep the nights each property cannot be booked; each event is applied once. */
@ApplicationScoped
public class AvailabilityEventsConsumer {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<List<EventEnvelope>>> handlers;

    public AvailabilityEventsConsumer(IdempotentConsumer consumer, UnavailableNightsProjection nights) {
        this.consumer = consumer;
        this.handlers = IdempotentConsumer.oneByOne(Map.of(AvailabilityTopic.UPDATED, nights::availabilityUpdated));
    }

    @Incoming(AvailabilityTopic.NAME)
    @Blocking
    public void onAvailabilityEvent(List<String> messages) {
        consumer.processBatch("search.availability", AvailabilityTopic.NAME, messages, handlers);
    }
}
