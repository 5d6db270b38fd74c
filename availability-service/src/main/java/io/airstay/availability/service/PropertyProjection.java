package io.airstay.availability.service;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.availability.config.AvailabilityConfig;
import io.airstay.availability.model.Property;
import io.airstay.availability.repository.CalendarRepository;
import io.airstay.availability.repository.PropertyRepository;
import io.airstay.contracts.property.PropertyFacts;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.projection.PropertyTerms;

/**
 * Follows property-events: a new property gets a calendar for the horizon at its base price; a price
 * change reprices the nights that are neither held nor priced by the host; deactivation stops holds.
 */
@ApplicationScoped
public class PropertyProjection {

    private final PropertyRepository properties;
    private final CalendarRepository calendar;
    private final AvailabilityCache cache;
    private final EventCodec codec;
    private final AvailabilityConfig config;

    public PropertyProjection(PropertyRepository properties, CalendarRepository calendar, AvailabilityCache cache,
            EventCodec codec, AvailabilityConfig config) {
        this.properties = properties;
        this.calendar = calendar;
        this.cache = cache;
        this.codec = codec;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void propertyChanged(EventEnvelope event) {
        PropertyFacts facts = PropertyTerms.requireTerms(event, codec.payload(event, PropertyFacts.class));
        UUID propertyId = event.propertyId();
        LocalDate today = LocalDate.now();
        Property property = properties.findById(propertyId);
        if (property == null) {
            property = new Property();
            property.id = propertyId;
            property.horizonEnd = today.plusDays(config.horizonDays() - 1L);
            property.apply(facts);
            properties.persist(property);
            calendar.createNights(propertyId, today, property.horizonEnd.plusDays(1), facts.basePrice(), facts.minimumNights());
        } else {
            if (property.basePrice.compareTo(facts.basePrice()) != 0) {
                calendar.repriceFreeNights(propertyId, facts.basePrice(), today);
            }
            if (property.minimumNights != facts.minimumNights()) {
                calendar.setMinimumNights(propertyId, facts.minimumNights(), today);
            }
            property.apply(facts);
        }
        cache.calendarChanged(propertyId);
    }
}
