package io.airstay.booking.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.booking.service.PropertyProjection;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.airstay.platform.projection.PropertyTermsConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** property-events keep booking's copy of the terms it validates and prices requests with. */
@Singleton
public class PropertyEventsConsumer extends PropertyTermsConsumer {

    public PropertyEventsConsumer(IdempotentConsumer consumer, PropertyProjection properties) {
        super(consumer, "booking.listings", properties::propertyChanged);
    }

    @Incoming(PropertyTopic.NAME)
    @Blocking
    void onPropertyEvent(String message) {
        consume(message);
    }
}
