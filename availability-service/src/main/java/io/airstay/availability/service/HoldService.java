package io.airstay.availability.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.availability.model.Property;
import io.airstay.availability.repository.CalendarNight;
import io.airstay.availability.repository.CalendarRepository;
import io.airstay.availability.repository.CalendarRepository.Released;
import io.airstay.availability.repository.PropertyRepository;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.availability.HoldRejected;
import io.airstay.contracts.availability.HoldRejected.Reason;
import io.airstay.contracts.availability.NightsHeld;
import io.airstay.contracts.availability.NightsReleased;
import io.airstay.contracts.booking.BookingFacts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The booking side of the calendar: holds every night of a stay for a booking, or none, and releases
 * exactly a booking's nights.
 * <p>
 * A hold locks the stay's nights in date order ({@code SELECT ... FOR UPDATE}), decides on the rows as
 * committed by any earlier holder, then takes the free nights with one UPDATE whose row count must equal
 * the number of nights. Concurrent holds of overlapping nights therefore queue on the row locks and
 * exactly one wins each night: PostgreSQL's locking, not the code's timing, makes double-holding
 * impossible.
 */
@ApplicationScoped
@Startup // registers the hold metrics at boot, so they are scraped before the first hold
public class HoldService {

    private final PropertyRepository properties;
    private final CalendarRepository calendar;
    private final AvailabilityEvents events;
    private final MeterRegistry registry;
    private final Timer holdDuration;

    public HoldService(PropertyRepository properties, CalendarRepository calendar, AvailabilityEvents events,
            MeterRegistry registry) {
        this.properties = properties;
        this.calendar = calendar;
        this.events = events;
        this.registry = registry;
        this.holdDuration = Timer.builder("airstay.availability.hold.duration")
                .description("Time to decide a hold request, row locks included")
                .publishPercentileHistogram().register(registry);
    }

    /** Holds [check_in, check_out) for the booking and announces the outcome. Idempotent per booking. */
    @Transactional
    public HoldOutcome hold(UUID propertyId, UUID guestId, BookingFacts request) {
        Timer.Sample sample = Timer.start(registry);
        HoldOutcome outcome = decide(propertyId, request);
        if (outcome.isHeld()) {
            events.publish(AvailabilityTopic.HELD, propertyId, guestId, outcome.held);
            events.nightsChanged(propertyId, request.checkInDate(), request.checkOutDate());
        } else {
            events.publish(AvailabilityTopic.REJECTED, propertyId, guestId, outcome.rejected);
        }
        sample.stop(holdDuration);
        registry.counter("airstay.availability.holds", "outcome", outcome.isHeld() ? "held" : "rejected",
                "reason", outcome.isHeld() ? "none" : outcome.rejected.reason().name()).increment();
        return outcome;
    }

    /** Frees exactly the nights this booking holds (none on a redelivery) and announces them. */
    @Transactional
    public List<LocalDate> release(UUID bookingId) {
        List<Released> released = calendar.release(bookingId);
        Map<UUID, List<LocalDate>> byProperty = released.stream()
                .collect(Collectors.groupingBy(Released::propertyId, Collectors.mapping(Released::date, Collectors.toList())));
        byProperty.forEach((propertyId, dates) -> {
            events.publish(AvailabilityTopic.RELEASED, propertyId, null, new NightsReleased(bookingId, dates));
            events.nightsChanged(propertyId, dates.get(0), dates.get(dates.size() - 1).plusDays(1));
        });
        return released.stream().map(Released::date).toList();
    }

    private HoldOutcome decide(UUID propertyId, BookingFacts request) {
        LocalDate checkIn = request.checkInDate();
        LocalDate checkOut = request.checkOutDate();
        if (checkIn == null || checkOut == null || !checkOut.isAfter(checkIn)) {
            return rejected(request, Reason.INVALID_DATES, "check_out_date must be after check_in_date");
        }
        Property property = properties.findById(propertyId);
        if (property == null) {
            return rejected(request, Reason.UNKNOWN_LISTING, "no calendar for listing " + propertyId);
        }
        if (!property.active) {
            return rejected(request, Reason.LISTING_INACTIVE, "the listing no longer takes bookings");
        }
        long nights = ChronoUnit.DAYS.between(checkIn, checkOut);
        if (nights > property.maximumNights) {
            return rejected(request, Reason.ABOVE_MAXIMUM_NIGHTS, "stays are at most " + property.maximumNights + " nights");
        }

        List<CalendarNight> stay = calendar.lockRange(propertyId, checkIn, checkOut);
        if (stay.size() != nights || checkIn.isBefore(LocalDate.now())) {
            return rejected(request, Reason.OUTSIDE_HORIZON, "the calendar runs from today to " + property.horizonEnd);
        }
        if (nights < stay.get(0).minimumNights()) {
            return rejected(request, Reason.BELOW_MINIMUM_NIGHTS,
                    "stays from " + checkIn + " are at least " + stay.get(0).minimumNights() + " nights");
        }
        boolean alreadyHeld = stay.stream().allMatch(night -> request.bookingId().equals(night.bookingId()));
        if (!alreadyHeld) {
            if (stay.stream().anyMatch(night -> night.bookingId() != null)) {
                return rejected(request, Reason.TAKEN, "some nights are held by another booking");
            }
            if (stay.stream().anyMatch(CalendarNight::blocked)) {
                return rejected(request, Reason.BLOCKED, "the host blocked some nights");
            }
            int taken = calendar.hold(propertyId, request.bookingId(), checkIn, checkOut);
            if (taken != nights) {
                // Cannot happen while the rows are locked; fail the transaction rather than hold part of a stay.
                throw new IllegalStateException("held " + taken + " of " + nights + " locked nights for " + request.bookingId());
            }
        }
        List<NightsHeld.NightPrice> prices = stay.stream().map(night -> new NightsHeld.NightPrice(night.date(), night.price()))
                .toList();
        BigDecimal total = prices.stream().map(NightsHeld.NightPrice::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new HoldOutcome(new NightsHeld(request.bookingId(), checkIn, checkOut, prices, total), null);
    }

    private static HoldOutcome rejected(BookingFacts request, Reason reason, String detail) {
        return new HoldOutcome(null,
                new HoldRejected(request.bookingId(), request.checkInDate(), request.checkOutDate(), reason, detail));
    }

    /** Either the held nights or the rejection. */
    public record HoldOutcome(NightsHeld held, HoldRejected rejected) {
        public boolean isHeld() {
            return held != null;
        }
    }
}
