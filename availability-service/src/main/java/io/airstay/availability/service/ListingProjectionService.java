package io.airstay.availability.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.availability.config.AvailabilityConfig;
import io.airstay.availability.messaging.events.PropertyFacts;
import io.airstay.availability.model.Listing;
import io.airstay.availability.repository.CalendarRepository;
import io.airstay.availability.repository.ListingRepository;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;

/**
 * Follows property-events: a new listing gets a calendar for the horizon at its base price; a price
 * change reprices the nights that are neither held nor priced by the host; deactivation stops holds.
 */
@ApplicationScoped
public class ListingProjectionService {

    private final ListingRepository listings;
    private final CalendarRepository calendar;
    private final AvailabilityCache cache;
    private final EventCodec codec;
    private final AvailabilityConfig config;

    public ListingProjectionService(ListingRepository listings, CalendarRepository calendar, AvailabilityCache cache,
            EventCodec codec, AvailabilityConfig config) {
        this.listings = listings;
        this.calendar = calendar;
        this.cache = cache;
        this.codec = codec;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void listingChanged(EventEnvelope event) {
        PropertyFacts facts = codec.payload(event, PropertyFacts.class);
        UUID propertyId = event.propertyId();
        if (propertyId == null || facts.basePrice() == null || facts.basePrice().signum() <= 0
                || facts.minimumNights() == null || facts.maximumNights() == null || facts.isActive() == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " lacks listing facts", null);
        }
        LocalDate today = LocalDate.now();
        Listing listing = listings.findById(propertyId);
        if (listing == null) {
            listing = new Listing();
            listing.id = propertyId;
            listing.horizonEnd = today.plusDays(config.horizonDays() - 1L);
            apply(facts, listing);
            listings.persist(listing);
            calendar.createNights(propertyId, today, listing.horizonEnd.plusDays(1), facts.basePrice(), facts.minimumNights());
        } else {
            if (listing.basePrice.compareTo(facts.basePrice()) != 0) {
                calendar.repriceFreeNights(propertyId, facts.basePrice(), today);
            }
            if (listing.minimumNights != facts.minimumNights()) {
                calendar.setMinimumNights(propertyId, facts.minimumNights(), today);
            }
            apply(facts, listing);
        }
        cache.calendarChanged(propertyId);
    }

    private static void apply(PropertyFacts facts, Listing listing) {
        listing.basePrice = facts.basePrice();
        listing.minimumNights = facts.minimumNights();
        listing.maximumNights = facts.maximumNights();
        listing.active = facts.isActive();
        listing.updatedAt = Instant.now();
    }
}
