package io.airstay.availability.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.availability.model.Property;
import io.airstay.availability.repository.CalendarNight;
import io.airstay.availability.repository.CalendarRepository;
import io.airstay.availability.repository.CalendarRepository.Released;
import io.airstay.availability.repository.PropertyRepository;
import io.airstay.availability.repository.Stay;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.availability.HoldRejected;
import io.airstay.contracts.availability.HoldRejected.Reason;
import io.airstay.contracts.availability.NightsHeld;
import io.airstay.contracts.availability.NightsReleased;
import io.airstay.contracts.booking.BookingFacts;
import io.airstay.platform.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The booking side of the calendar: holds every night of a stay for a booking, or none, and releases
 * exactly a booking's nights.
 * <p>
 * Holds are decided a set at a time (a poll of booking requests): one statement locks the nights of every
 * stay in the set ({@code SELECT ... FOR UPDATE}, in listing and date order), the requests are decided in
 * their order on the rows as committed by any earlier holder (a request of the set sees the nights an
 * earlier one took), and one UPDATE takes the nights of all granted stays; its row count must equal the
 * nights granted. Concurrent sets of overlapping nights queue on the row locks and exactly one booking
 * wins each night: PostgreSQL's locking, not the code's timing, makes double-holding impossible.
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
                .description("Time to decide a set of hold requests, row locks included")
                .publishPercentileHistogram().register(registry);
    }

    /** A booking's request for its nights, as booking.requested carries it. */
    public record HoldRequest(UUID propertyId, UUID guestId, BookingFacts booking) {
    }

    /** Holds [check_in, check_out) for the booking and announces the outcome. Idempotent per booking. */
    @Transactional
    public HoldOutcome hold(UUID propertyId, UUID guestId, BookingFacts request) {
        return holdAll(List.of(new HoldRequest(propertyId, guestId, request))).get(0);
    }

    /**
     * Decides the requests in their order, holds the granted stays and announces every outcome, with a handful
     * of statements whatever the number of requests. Idempotent per booking: a booking that already holds its
     * nights is held again. Returns the outcomes in the requests' order.
     */
    @Transactional
    public List<HoldOutcome> holdAll(List<HoldRequest> requests) {
        Timer.Sample sample = Timer.start(registry);
        Map<UUID, Property> listings = properties.findAll(requests.stream().map(HoldRequest::propertyId).distinct().toList());
        List<HoldOutcome> outcomes = new ArrayList<>(Collections.nCopies(requests.size(), null));
        List<Stay> candidates = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            HoldRequest request = requests.get(i);
            HoldOutcome refused = refusedByListing(listings.get(request.propertyId()), request);
            outcomes.set(i, refused);
            if (refused == null) {
                candidates.add(stay(request));
            }
        }
        Map<UUID, NavigableMap<LocalDate, CalendarNight>> nights = candidates.isEmpty() ? Map.of() : calendar.lockStays(candidates);
        List<Stay> granted = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (outcomes.get(i) == null) {
                HoldRequest request = requests.get(i);
                outcomes.set(i, decide(request, nights.getOrDefault(request.propertyId(), Collections.emptyNavigableMap()), granted));
            }
        }
        int nightsGranted = granted.stream().mapToInt(stay -> (int) ChronoUnit.DAYS.between(stay.checkIn(), stay.checkOut())).sum();
        int taken = granted.isEmpty() ? 0 : calendar.holdAll(granted);
        if (taken != nightsGranted) {
            // Cannot happen while the rows are locked; fail the transaction rather than hold part of a stay.
            throw new IllegalStateException("held " + taken + " of " + nightsGranted + " locked nights for " + granted.size() + " stays");
        }
        announce(requests, outcomes, granted);
        sample.stop(holdDuration);
        return outcomes;
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

    /** The refusal that the listing's terms alone decide, before any night is read; null when there is none. */
    private static HoldOutcome refusedByListing(Property property, HoldRequest request) {
        BookingFacts booking = request.booking();
        LocalDate checkIn = booking.checkInDate();
        LocalDate checkOut = booking.checkOutDate();
        if (checkIn == null || checkOut == null || !checkOut.isAfter(checkIn)) {
            return rejected(booking, Reason.INVALID_DATES, "check_out_date must be after check_in_date");
        }
        if (property == null) {
            return rejected(booking, Reason.UNKNOWN_LISTING, "no calendar for listing " + request.propertyId());
        }
        if (!property.active) {
            return rejected(booking, Reason.LISTING_INACTIVE, "the listing no longer takes bookings");
        }
        if (ChronoUnit.DAYS.between(checkIn, checkOut) > property.maximumNights) {
            return rejected(booking, Reason.ABOVE_MAXIMUM_NIGHTS, "stays are at most " + property.maximumNights + " nights");
        }
        if (checkIn.isBefore(LocalDate.now())) {
            return rejected(booking, Reason.OUTSIDE_HORIZON, "the calendar runs from today to " + property.horizonEnd);
        }
        return null;
    }

    /**
     * Decides one request on the locked nights of its listing, which already show the stays granted earlier in the
     * set; a granted stay is added to {@code granted} and its nights marked as held.
     */
    private static HoldOutcome decide(HoldRequest request, NavigableMap<LocalDate, CalendarNight> listingNights,
            List<Stay> granted) {
        BookingFacts booking = request.booking();
        LocalDate checkIn = booking.checkInDate();
        LocalDate checkOut = booking.checkOutDate();
        List<CalendarNight> stay = List.copyOf(listingNights.subMap(checkIn, true, checkOut, false).values());
        if (stay.size() != ChronoUnit.DAYS.between(checkIn, checkOut)) {
            return rejected(booking, Reason.OUTSIDE_HORIZON, "the calendar does not cover every night of the stay");
        }
        if (stay.size() < stay.get(0).minimumNights()) {
            return rejected(booking, Reason.BELOW_MINIMUM_NIGHTS,
                    "stays from " + checkIn + " are at least " + stay.get(0).minimumNights() + " nights");
        }
        boolean alreadyHeld = stay.stream().allMatch(night -> booking.bookingId().equals(night.bookingId()));
        if (!alreadyHeld) {
            if (stay.stream().anyMatch(night -> night.bookingId() != null)) {
                return rejected(booking, Reason.TAKEN, "some nights are held by another booking");
            }
            if (stay.stream().anyMatch(CalendarNight::blocked)) {
                return rejected(booking, Reason.BLOCKED, "the host blocked some nights");
            }
            stay.forEach(night -> listingNights.put(night.date(), night.heldBy(booking.bookingId())));
            granted.add(stay(request));
        }
        List<NightsHeld.NightPrice> prices = stay.stream().map(night -> new NightsHeld.NightPrice(night.date(), night.price()))
                .toList();
        BigDecimal total = prices.stream().map(NightsHeld.NightPrice::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new HoldOutcome(new NightsHeld(booking.bookingId(), checkIn, checkOut, prices, total), null);
    }

    /** Every outcome, and for each granted stay its nights as now unavailable, with one outbox statement. */
    private void announce(List<HoldRequest> requests, List<HoldOutcome> outcomes, List<Stay> granted) {
        List<EventEnvelope> announced = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            HoldRequest request = requests.get(i);
            HoldOutcome outcome = outcomes.get(i);
            announced.add(outcome.isHeld()
                    ? events.envelope(AvailabilityTopic.HELD, request.propertyId(), request.guestId(), outcome.held)
                    : events.envelope(AvailabilityTopic.REJECTED, request.propertyId(), request.guestId(), outcome.rejected));
            registry.counter("airstay.availability.holds", "outcome", outcome.isHeld() ? "held" : "rejected",
                    "reason", outcome.isHeld() ? "none" : outcome.rejected.reason().name()).increment();
        }
        for (Stay stay : granted) {
            announced.add(events.nightsTaken(stay.propertyId(), stay.checkIn(), stay.checkOut()));
        }
        events.publishAll(announced);
    }

    private static Stay stay(HoldRequest request) {
        return new Stay(request.propertyId(), request.booking().bookingId(), request.booking().checkInDate(),
                request.booking().checkOutDate());
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
