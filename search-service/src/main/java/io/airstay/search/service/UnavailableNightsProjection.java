package io.airstay.search.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.contracts.availability.AvailabilityUpdated;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.search.repository.PropertyRepository;
import io.airstay.search.repository.UnavailableNightsRepository;

/**
 * Keeps the nights each property cannot be booked, from availability-events, so that date searches
 * exclude it. Runs inside the idempotent consumer's transaction; an event carries its window's whole
 * state, so applying it again changes nothing.
 */
@ApplicationScoped
public class UnavailableNightsProjection {

    private static final int MAX_WINDOW_NIGHTS = 731;

    private final UnavailableNightsRepository unavailableNights;
    private final PropertyRepository properties;
    private final EventCodec codec;
    private final PropertyCache cache;

    public UnavailableNightsProjection(UnavailableNightsRepository unavailableNights, PropertyRepository properties,
            EventCodec codec, PropertyCache cache) {
        this.unavailableNights = unavailableNights;
        this.properties = properties;
        this.codec = codec;
        this.cache = cache;
    }

    /** Replaces the property's unavailable nights inside the event's window with the nights it lists. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void availabilityUpdated(EventEnvelope event) {
        UUID propertyId = event.propertyId();
        AvailabilityUpdated update = codec.payload(event, AvailabilityUpdated.class);
        LocalDate start = update.startDate();
        LocalDate end = update.endDate();
        if (propertyId == null || start == null || end == null || !end.isAfter(start)
                || ChronoUnit.DAYS.between(start, end) > MAX_WINDOW_NIGHTS || update.unavailableDates() == null
                || update.unavailableDates().stream().anyMatch(night -> night.isBefore(start) || !night.isBefore(end))) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId()
                    + " has no property_id or an inconsistent window", null);
        }
        unavailableNights.replaceWindow(propertyId, start, end, update.unavailableDates());
        properties.findByIdOptional(propertyId).ifPresent(property -> cache.availabilityChanged(property.city));
    }
}
