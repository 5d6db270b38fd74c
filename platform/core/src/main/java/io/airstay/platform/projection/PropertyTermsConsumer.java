package io.airstay.platform.projection;

import java.util.Map;
import java.util.function.Consumer;

import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;

/**
 * What a service's property-events consumer does: every type on the topic carries the property's facts
 * after the change, so each one goes to the service's one projection method, once per event id; types
 * added later are skipped. The subclass declares the channel method ({@code @Incoming} is not inherited)
 * and hands each message to {@link #consume}.
 */
public abstract class PropertyTermsConsumer {

    private final IdempotentConsumer consumer;
    private final String consumerName;
    private final Map<String, Consumer<EventEnvelope>> handlers;

    /**
     * @param consumerName the name the applied events are recorded under: renamed once deployed, events
     *        redelivered after the change would be applied a second time
     */
    protected PropertyTermsConsumer(IdempotentConsumer consumer, String consumerName,
            Consumer<EventEnvelope> propertyChanged) {
        this.consumer = consumer;
        this.consumerName = consumerName;
        this.handlers = Map.of(
                PropertyTopic.CREATED, propertyChanged,
                PropertyTopic.UPDATED, propertyChanged,
                PropertyTopic.DEACTIVATED, propertyChanged);
    }

    protected void consume(String message) {
        consumer.process(consumerName, message, handlers);
    }
}
