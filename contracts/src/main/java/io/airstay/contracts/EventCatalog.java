package io.airstay.contracts;

import java.util.List;
import java.util.Optional;

import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.availability.AvailabilityUpdated;
import io.airstay.contracts.availability.HoldRejected;
import io.airstay.contracts.availability.NightsHeld;
import io.airstay.contracts.availability.NightsReleased;
import io.airstay.contracts.booking.BookingFacts;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.contracts.property.PropertyFacts;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.contracts.review.ReviewSubmitted;
import io.airstay.contracts.review.ReviewTopic;

/** Every topic and every event type the services exchange, with its payload; docs/events.md describes them. */
public final class EventCatalog {

    public static final List<String> TOPICS = List.of(
            PropertyTopic.NAME, BookingTopic.NAME, AvailabilityTopic.NAME, ReviewTopic.NAME);

    public static final List<EventType> EVENT_TYPES = List.of(
            new EventType(PropertyTopic.NAME, PropertyTopic.CREATED, PropertyFacts.class),
            new EventType(PropertyTopic.NAME, PropertyTopic.UPDATED, PropertyFacts.class),
            new EventType(PropertyTopic.NAME, PropertyTopic.DEACTIVATED, PropertyFacts.class),
            new EventType(BookingTopic.NAME, BookingTopic.REQUESTED, BookingFacts.class),
            new EventType(BookingTopic.NAME, BookingTopic.CONFIRMED, BookingFacts.class),
            new EventType(BookingTopic.NAME, BookingTopic.REJECTED, BookingFacts.class),
            new EventType(BookingTopic.NAME, BookingTopic.CANCELED, BookingFacts.class),
            new EventType(BookingTopic.NAME, BookingTopic.COMPLETED, BookingFacts.class),
            new EventType(BookingTopic.NAME, BookingTopic.EXPIRED, BookingFacts.class),
            new EventType(AvailabilityTopic.NAME, AvailabilityTopic.HELD, NightsHeld.class),
            new EventType(AvailabilityTopic.NAME, AvailabilityTopic.REJECTED, HoldRejected.class),
            new EventType(AvailabilityTopic.NAME, AvailabilityTopic.RELEASED, NightsReleased.class),
            new EventType(AvailabilityTopic.NAME, AvailabilityTopic.UPDATED, AvailabilityUpdated.class),
            new EventType(ReviewTopic.NAME, ReviewTopic.SUBMITTED, ReviewSubmitted.class));

    private EventCatalog() {
    }

    public static Optional<EventType> find(String eventType) {
        return EVENT_TYPES.stream().filter(type -> type.name().equals(eventType)).findFirst();
    }
}
