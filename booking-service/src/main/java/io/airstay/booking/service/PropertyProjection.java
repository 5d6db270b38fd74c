package io.airstay.booking.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.booking.model.Property;
import io.airstay.booking.repository.PropertyRepository;
import io.airstay.contracts.property.PropertyFacts;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.platform.projection.PropertyTerms;

/** Keeps booking's copy of the property facts it validates and prices requests with. */
@ApplicationScoped
public class PropertyProjection {

    private final PropertyRepository properties;
    private final EventCodec codec;

    public PropertyProjection(PropertyRepository properties, EventCodec codec) {
        this.properties = properties;
        this.codec = codec;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void propertyChanged(EventEnvelope event) {
        PropertyFacts facts = PropertyTerms.requireTerms(event, codec.payload(event, PropertyFacts.class));
        if (facts.cleaningFee() == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " has no cleaning fee", null);
        }
        Property property = properties.find(event.propertyId()).orElse(null);
        if (property == null) {
            property = new Property();
            property.id = event.propertyId();
            property.apply(facts);
            properties.persist(property);
        } else {
            property.apply(facts);
        }
    }
}
