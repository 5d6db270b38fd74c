package io.airstay.booking.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.booking.service.SagaService;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** availability-events settle pending bookings (the saga's last step); each event is applied once. */
@ApplicationScoped
public class AvailabilityEventsConsumer {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<List<EventEnvelope>>> handlers;

    public AvailabilityEventsConsumer(IdempotentConsumer consumer, SagaService saga) {
        this.consumer = consumer;
        this.handlers = Map.of(
                AvailabilityTopic.HELD, saga::confirmAll,
                AvailabilityTopic.REJECTED, saga::rejectAll);
    }

    /** Batched: a poll of availability's answers is settled as a set, in one transaction. */
    @Incoming(AvailabilityTopic.NAME)
    @Blocking(IdempotentConsumer.SAGA_WORKER)
    public void onAvailabilityEvents(List<String> messages) {
        consumer.processBatch("booking.saga", AvailabilityTopic.NAME, messages, handlers);
    }
}
