package io.airstay.search.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.airstay.contracts.booking.BookingFacts;
import io.airstay.contracts.review.ReviewSubmitted;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.search.model.Property;
import io.airstay.search.repository.PropertyRepository;

/**
 * Keeps each property's figures that other services own: review count and rating sum from review-events,
 * the count of confirmed bookings from booking-events. Each method runs inside the idempotent consumer's
 * transaction, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class PropertyCountsProjection {

    private static final Logger LOG = Logger.getLogger(PropertyCountsProjection.class);

    private final PropertyRepository properties;
    private final EventCodec codec;
    private final PropertyCache cache;

    public PropertyCountsProjection(PropertyRepository properties, EventCodec codec, PropertyCache cache) {
        this.properties = properties;
        this.codec = codec;
        this.cache = cache;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reviewSubmitted(EventEnvelope event) {
        ReviewSubmitted review = codec.payload(event, ReviewSubmitted.class);
        if (review.rating() < 1 || review.rating() > 5) {
            throw new MalformedEventException("review rating " + review.rating() + " outside 1-5 in " + event.eventId(), null);
        }
        int updated = properties.addReview(requireProperty(event), review.rating());
        afterCountChange(event, updated, true);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void bookingConfirmed(EventEnvelope event) {
        int updated = properties.addBooking(requireProperty(event));
        afterCountChange(event, updated, false);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void bookingCanceled(EventEnvelope event) {
        BookingFacts booking = codec.payload(event, BookingFacts.class);
        if (!"CONFIRMED".equals(booking.previousStatus())) {
            return; // only confirmed bookings were counted
        }
        int updated = properties.removeBooking(requireProperty(event));
        afterCountChange(event, updated, false);
    }

    /** Search results show the rating and review count; only the detail shows the booking count. */
    private void afterCountChange(EventEnvelope event, int updated, boolean visibleInSearch) {
        if (updated == 0) {
            LOG.warnf("%s %s names unknown property %s; ignored", event.eventType(), event.eventId(), event.propertyId());
            return;
        }
        Property property = properties.current(event.propertyId());
        if (visibleInSearch) {
            cache.propertyChanged(property, null);
        } else {
            cache.refreshDetail(property);
        }
    }

    private static UUID requireProperty(EventEnvelope event) {
        if (event.propertyId() == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " has no property_id", null);
        }
        return event.propertyId();
    }
}
