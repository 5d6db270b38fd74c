package io.airstay.search.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.airstay.search.messaging.events.AvailabilityUpdated;
import io.airstay.search.messaging.events.BookingChanged;
import io.airstay.search.messaging.events.ReviewSubmitted;
import io.airstay.search.model.Property;
import io.airstay.search.repository.PropertyRepository;

/**
 * Keeps search's copies of other services' facts: ratings from review-events, booking counts from
 * booking-events, unavailable nights from availability-events. Each method runs inside the idempotent
 * consumer's transaction, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProjectionService {

    private static final Logger LOG = Logger.getLogger(ProjectionService.class);
    private static final int MAX_WINDOW_NIGHTS = 731;

    private final EntityManager entityManager;
    private final PropertyRepository properties;
    private final EventCodec codec;
    private final ListingCache cache;

    public ProjectionService(EntityManager entityManager, PropertyRepository properties, EventCodec codec, ListingCache cache) {
        this.entityManager = entityManager;
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
        int updated = entityManager.createNativeQuery("""
                UPDATE silver.properties SET review_count = review_count + 1, rating_sum = rating_sum + ?1, updated_at = now()
                WHERE property_id = ?2""")
                .setParameter(1, review.rating()).setParameter(2, requireProperty(event))
                .executeUpdate();
        afterCountChange(event, updated, true);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void bookingConfirmed(EventEnvelope event) {
        int updated = entityManager.createNativeQuery(
                "UPDATE silver.properties SET booking_count = booking_count + 1 WHERE property_id = ?1")
                .setParameter(1, requireProperty(event)).executeUpdate();
        afterCountChange(event, updated, false);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void bookingCanceled(EventEnvelope event) {
        BookingChanged booking = codec.payload(event, BookingChanged.class);
        if (!"CONFIRMED".equals(booking.previousStatus())) {
            return; // only confirmed bookings were counted
        }
        int updated = entityManager.createNativeQuery(
                "UPDATE silver.properties SET booking_count = GREATEST(booking_count - 1, 0) WHERE property_id = ?1")
                .setParameter(1, requireProperty(event)).executeUpdate();
        afterCountChange(event, updated, false);
    }

    /** Replaces the listing's unavailable nights inside the event's window with the nights it lists. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void availabilityUpdated(EventEnvelope event) {
        UUID propertyId = requireProperty(event);
        AvailabilityUpdated update = codec.payload(event, AvailabilityUpdated.class);
        LocalDate start = update.startDate();
        LocalDate end = update.endDate();
        if (start == null || end == null || !end.isAfter(start) || ChronoUnit.DAYS.between(start, end) > MAX_WINDOW_NIGHTS
                || update.unavailableDates() == null
                || update.unavailableDates().stream().anyMatch(night -> night.isBefore(start) || !night.isBefore(end))) {
            throw new MalformedEventException("availability window of " + event.eventId() + " is inconsistent", null);
        }
        entityManager.createNativeQuery("""
                DELETE FROM silver.property_unavailable_nights WHERE property_id = ?1 AND night >= ?2 AND night < ?3""")
                .setParameter(1, propertyId).setParameter(2, start).setParameter(3, end).executeUpdate();
        if (!update.unavailableDates().isEmpty()) {
            entityManager.createNativeQuery("""
                    INSERT INTO silver.property_unavailable_nights (property_id, night)
                    SELECT ?1, night FROM unnest(cast(?2 AS date[])) AS night ON CONFLICT DO NOTHING""")
                    .setParameter(1, propertyId)
                    .setParameter(2, update.unavailableDates().stream().map(LocalDate::toString).toArray(String[]::new))
                    .executeUpdate();
        }
        properties.findByIdOptional(propertyId).ifPresent(property -> cache.availabilityChanged(property.city));
    }

    private void afterCountChange(EventEnvelope event, int updated, boolean visibleInSearch) {
        if (updated == 0) {
            LOG.warnf("%s %s names unknown property %s; ignored", event.eventType(), event.eventId(), event.propertyId());
            return;
        }
        Property property = properties.findById(event.propertyId());
        if (visibleInSearch) {
            cache.listingChanged(property, null);
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
