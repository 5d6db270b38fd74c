package io.airstay.availability.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.availability.service.PropertyProjection;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.airstay.platform.projection.PropertyTermsConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** property-events build the calendars, reprice their free nights and close them to holds. */
@Singleton
public class PropertyEventsConsumer extends PropertyTermsConsumer {

    public PropertyEventsConsumer(IdempotentConsumer consumer, PropertyProjection properties) {
        super(consumer, "availability.listings", properties::propertyChanged);
    }

    @Incoming(PropertyTopic.NAME)
    @Blocking
    void onPropertyEvent(String message) {
        consume(message);
    }
}
