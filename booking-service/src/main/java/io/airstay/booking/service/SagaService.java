package io.airstay.booking.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.airstay.booking.config.BookingConfig;
import io.airstay.booking.model.Booking;
import io.airstay.booking.model.BookingStatus;
import io.airstay.booking.repository.BookingRepository;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.availability.HoldRejected;
import io.airstay.contracts.availability.NightsHeld;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The saga's last step (docs/architecture.md, the booking saga): availability's answer settles a pending
 * booking. Runs in the idempotent consumer's transaction; every settlement wakes the replica that took the request.
 */
@ApplicationScoped
public class SagaService {

    private static final Logger LOG = Logger.getLogger(SagaService.class);

    private final BookingRepository bookings;
    private final BookingEvents events;
    private final BookingOutcomes outcomes;
    private final EventCodec codec;
    private final BookingConfig config;
    private final MeterRegistry registry;
    private final Timer sagaDuration;

    public SagaService(BookingRepository bookings, BookingEvents events, BookingOutcomes outcomes, EventCodec codec,
            BookingConfig config, MeterRegistry registry) {
        this.bookings = bookings;
        this.events = events;
        this.outcomes = outcomes;
        this.codec = codec;
        this.config = config;
        this.registry = registry;
        this.sagaDuration = Timer.builder("airstay.booking.saga.duration")
                .description("From a booking request to its confirmation or rejection")
                .publishPercentileHistogram().register(registry);
    }

    /**
     * availability.held, a set at a time: each pending booking CONFIRMED at its held nightly prices plus cleaning
     * and service fees. One statement locks the bookings, one batch updates them, one writes their events.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirmAll(List<EventEnvelope> heldEvents) {
        Map<UUID, NightsHeld> holds = new LinkedHashMap<>();
        for (EventEnvelope event : heldEvents) {
            NightsHeld held = codec.payload(event, NightsHeld.class);
            requireBookingId(event, held.bookingId());
            if (held.nightlyTotal() == null || held.nightlyTotal().signum() <= 0) {
                throw new MalformedEventException(AvailabilityTopic.HELD + " " + event.eventId() + " has no nightly total", null);
            }
            holds.put(held.bookingId(), held);
        }
        List<Booking> confirmed = pending(holds.keySet());
        Instant now = Instant.now();
        for (Booking booking : confirmed) {
            BookingPricing.price(booking, holds.get(booking.id).nightlyTotal(), config.serviceFeeRate());
            booking.confirmedAt = now;
            settle(booking, BookingStatus.CONFIRMED, null);
        }
        events.publishAll(BookingTopic.CONFIRMED, confirmed, BookingStatus.PENDING.name(), booking -> null);
        outcomes.announceSettled(confirmed.stream().map(booking -> booking.id).toList());
    }

    /** availability.rejected, a set at a time: each pending booking REJECTED with availability's reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rejectAll(List<EventEnvelope> rejectedEvents) {
        Map<UUID, HoldRejected> rejections = new LinkedHashMap<>();
        for (EventEnvelope event : rejectedEvents) {
            HoldRejected rejected = codec.payload(event, HoldRejected.class);
            requireBookingId(event, rejected.bookingId());
            rejections.put(rejected.bookingId(), rejected);
        }
        List<Booking> rejected = pending(rejections.keySet());
        for (Booking booking : rejected) {
            HoldRejected.Reason reason = rejections.get(booking.id).reason();
            settle(booking, BookingStatus.REJECTED, reason == null ? "UNAVAILABLE" : reason.name());
        }
        events.publishAll(BookingTopic.REJECTED, rejected, BookingStatus.PENDING.name(), booking -> booking.rejectionReason);
        outcomes.announceSettled(rejected.stream().map(booking -> booking.id).toList());
    }

    /** Confirmed stays past their check-out become COMPLETED (and reviewable); returns how many. */
    @Transactional
    public int completeFinishedStays(int batchSize) {
        int completed = 0;
        for (Booking booking : bookings.finishedStays(LocalDate.now(), batchSize)) {
            booking.status = BookingStatus.COMPLETED;
            booking.completedAt = Instant.now();
            events.publish(BookingTopic.COMPLETED, booking, BookingStatus.CONFIRMED.name(), null);
            completed++;
        }
        return completed;
    }

    /**
     * Pending bookings past their deadline become EXPIRED, in batches; booking.expired releases whatever availability
     * holds for them, also a hold it decides later (it reads the expiry after the request). Returns how many expired.
     */
    @Transactional
    public int expireOverdue(Duration deadline, int batchSize) {
        Instant now = Instant.now();
        List<Booking> overdue = bookings.pendingSince(now.minus(deadline), batchSize);
        for (Booking booking : overdue) {
            booking.expiredAt = now;
            settle(booking, BookingStatus.EXPIRED, null);
        }
        String reason = "no answer from availability within " + deadline.toSeconds() + " s";
        events.publishAll(BookingTopic.EXPIRED, overdue, BookingStatus.PENDING.name(), booking -> reason);
        outcomes.announceSettled(overdue.stream().map(booking -> booking.id).toList());
        return overdue.size();
    }

    /** The booking's new status; the caller announces the settled set to the waiting replicas. */
    private void settle(Booking booking, BookingStatus status, String rejectionReason) {
        booking.status = status;
        booking.rejectionReason = rejectionReason;
        sagaDuration.record(Duration.between(booking.createdAt, Instant.now()));
        registry.counter("airstay.booking.outcomes", "status", status.name()).increment();
    }

    /**
     * The bookings among {@code ids} that still wait for availability, locked; an answer for a settled, canceled or
     * expired booking changes nothing (availability releases a hold it decided for an expired or canceled one when it
     * reads that event).
     */
    private List<Booking> pending(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Booking> found = bookings.findAllForUpdate(ids);
        if (found.size() < ids.size()) {
            LOG.warnf("Availability answered for %d unknown bookings; ignored", ids.size() - found.size());
        }
        return found.stream().filter(booking -> booking.status == BookingStatus.PENDING).toList();
    }

    private static void requireBookingId(EventEnvelope event, UUID bookingId) {
        if (bookingId == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " has no booking_id", null);
        }
    }
}
