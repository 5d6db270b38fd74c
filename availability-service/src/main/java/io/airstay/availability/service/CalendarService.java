package io.airstay.availability.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.availability.mapping.CalendarSnapshot;
import io.airstay.availability.model.Property;
import io.airstay.availability.repository.CalendarNight;
import io.airstay.availability.repository.CalendarRepository;
import io.airstay.availability.repository.PropertyRepository;
import io.airstay.availability.rest.dto.AvailabilityCalendar;
import io.airstay.availability.rest.dto.AvailabilityChange;
import io.airstay.platform.json.JsonDocuments;
import io.airstay.platform.problem.ConflictException;
import io.airstay.platform.problem.AccessDeniedException;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Guests read calendars (cached); hosts block, unblock and price nights. */
@ApplicationScoped
public class CalendarService {

    private final PropertyRepository properties;
    private final CalendarRepository calendar;
    private final AvailabilityCache cache;
    private final AvailabilityEvents events;
    private final JsonDocuments json;

    public CalendarService(PropertyRepository properties, CalendarRepository calendar, AvailabilityCache cache,
            AvailabilityEvents events, JsonDocuments json) {
        this.properties = properties;
        this.calendar = calendar;
        this.cache = cache;
        this.events = events;
        this.json = json;
    }

    /**
     * The calendar document of an active property, cut from its cached snapshot (from the database on a
     * miss); empty when there is no such property. Ranges reaching into the past are read from the database.
     */
    public Uni<Optional<String>> read(UUID propertyId, DateRange range) {
        // Self-invocation is intercepted in Quarkus, so the loaders get their transactions.
        return cache.snapshot(propertyId, () -> snapshotDocument(propertyId)).onItem().transformToUni(snapshot -> {
            if (snapshot.isEmpty()) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            if (!snapshot.get().coversFrom(range.start())) {
                return Uni.createFrom().item(() -> document(propertyId, range)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            }
            return Uni.createFrom().item(Optional.of(snapshot.get().json(propertyId, range.start(), range.end())));
        });
    }

    /** The snapshot behind {@link #read}, from today to the horizon; runs on a worker thread on a cache miss. */
    @Transactional
    public Optional<String> snapshotDocument(UUID propertyId) {
        Property property = properties.findById(propertyId);
        if (property == null || !property.active) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now();
        LocalDate end = property.horizonEnd.plusDays(1);
        return Optional.of(json.write(CalendarSnapshot.of(today, end, calendar.range(propertyId, today, end))));
    }

    /** A range read from the database alone. */
    @Transactional
    public Optional<String> document(UUID propertyId, DateRange range) {
        Property property = properties.findById(propertyId);
        if (property == null || !property.active) {
            return Optional.empty();
        }
        return Optional.of(json.write(toCalendar(propertyId, range, calendar.range(propertyId, range.start(), range.endExclusive()))));
    }

    /** The host's change of their listing's nights; another user's is refused. */
    @Transactional
    public AvailabilityCalendar change(UUID propertyId, AvailabilityChange change, int maxNights, UUID host) {
        if (change.available() == null && change.price() == null) {
            throw new InvalidFieldException("available", "give available, price, or both");
        }
        DateRange range = DateRange.of(change.startDate(), change.endDate(), maxNights);
        if (range.start().isBefore(LocalDate.now())) {
            throw new InvalidFieldException("start_date", "must not be in the past");
        }
        Property property = properties.findById(propertyId);
        if (property == null || !property.active) {
            throw new ResourceNotFoundException("Property " + propertyId + " not found");
        }
        if (!host.equals(property.hostId)) {
            throw new AccessDeniedException("Property " + propertyId + " is another host's listing");
        }
        List<CalendarNight> nights = calendar.lockRange(propertyId, range.start(), range.endExclusive());
        if (nights.size() != range.nights()) {
            throw new InvalidFieldException("end_date", "the calendar runs to " + property.horizonEnd);
        }
        boolean touchesHeldNights = Boolean.TRUE.equals(change.available()) || change.price() != null;
        if (touchesHeldNights && nights.stream().anyMatch(night -> night.bookingId() != null)) {
            throw new ConflictException("Nights held by a booking cannot be unblocked or repriced");
        }
        if (change.available() != null) {
            calendar.setBlocked(propertyId, range.start(), range.endExclusive(), !change.available());
        }
        if (change.price() != null) {
            calendar.setHostPrice(propertyId, range.start(), range.endExclusive(), change.price());
        }
        events.nightsChanged(propertyId, range.start(), range.endExclusive());
        return toCalendar(propertyId, range, calendar.range(propertyId, range.start(), range.endExclusive()));
    }

    private static AvailabilityCalendar toCalendar(UUID propertyId, DateRange range, List<CalendarNight> stored) {
        return CalendarSnapshot.of(range.start(), range.endExclusive(), stored)
                .calendar(propertyId, range.start(), range.end());
    }
}
