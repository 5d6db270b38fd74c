package io.airstay.availability.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.availability.repository.CalendarRepository;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.availability.AvailabilityUpdated;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.outbox.Outbox;

/** Publishes availability-events through the outbox, in the transaction of the change they announce. */
@ApplicationScoped
public class AvailabilityEvents {

    private static final String SOURCE = "availability-service";

    private final Outbox outbox;
    private final EventCodec codec;
    private final CalendarRepository calendar;
    private final AvailabilityCache cache;

    public AvailabilityEvents(Outbox outbox, EventCodec codec, CalendarRepository calendar, AvailabilityCache cache) {
        this.outbox = outbox;
        this.codec = codec;
        this.calendar = calendar;
        this.cache = cache;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String eventType, UUID propertyId, UUID userId, Object payload) {
        outbox.publish(AvailabilityTopic.NAME, envelope(eventType, propertyId, userId, payload));
    }

    /** Queues the events with one statement, in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<EventEnvelope> announced) {
        outbox.publishAll(AvailabilityTopic.NAME, announced);
    }

    public EventEnvelope envelope(String eventType, UUID propertyId, UUID userId, Object payload) {
        return EventEnvelope.create(eventType, propertyId, userId, codec.toPayload(payload), SOURCE);
    }

    /**
     * A stay's nights [from, to) were just held, so all of them are unavailable: their {@code availability.updated},
     * to publish with {@link #publishAll}, without reading them back; retires the listing's cached ranges at commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope nightsTaken(UUID propertyId, LocalDate from, LocalDate to) {
        cache.calendarChanged(propertyId);
        return envelope(AvailabilityTopic.UPDATED, propertyId, null, new AvailabilityUpdated(from, to, from.datesUntil(to).toList()));
    }

    /**
     * Nights of [from, to) changed: announces their state as {@code availability.updated} (search keeps
     * it) and retires the listing's cached ranges once the transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void nightsChanged(UUID propertyId, LocalDate from, LocalDate to) {
        publish(AvailabilityTopic.UPDATED, propertyId, null,
                new AvailabilityUpdated(from, to, calendar.unavailableDates(propertyId, from, to)));
        cache.calendarChanged(propertyId);
    }
}
