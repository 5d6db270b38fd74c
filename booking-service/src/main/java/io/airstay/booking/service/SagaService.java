package io.airstay.booking.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

    /** availability.held: CONFIRMED at the held nightly prices plus cleaning and service fees. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void nightsHeld(EventEnvelope event) {
        NightsHeld held = codec.payload(event, NightsHeld.class);
        Booking booking = pending(event, held.bookingId());
        if (booking == null) {
            return;
        }
        if (held.nightlyTotal() == null || held.nightlyTotal().signum() <= 0) {
            throw new MalformedEventException(AvailabilityTopic.HELD + " " + event.eventId() + " has no nightly total", null);
        }
        if (bookings.overlapsHeldStay(booking)) {
            // Availability should never allow this; the exclusion constraint would refuse it anyway.
            settle(booking, BookingStatus.REJECTED, "overlaps a confirmed stay");
            events.publish(BookingTopic.REJECTED, booking, BookingStatus.PENDING.name(), booking.rejectionReason);
            return;
        }
        BookingPricing.price(booking, held.nightlyTotal(), config.serviceFeeRate());
        booking.confirmedAt = Instant.now();
        settle(booking, BookingStatus.CONFIRMED, null);
        events.publish(BookingTopic.CONFIRMED, booking, BookingStatus.PENDING.name(), null);
    }

    /** availability.rejected: REJECTED with availability's reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdRejected(EventEnvelope event) {
        HoldRejected rejected = codec.payload(event, HoldRejected.class);
        Booking booking = pending(event, rejected.bookingId());
        if (booking == null) {
            return;
        }
        settle(booking, BookingStatus.REJECTED, rejected.reason() == null ? "UNAVAILABLE" : rejected.reason().name());
        events.publish(BookingTopic.REJECTED, booking, BookingStatus.PENDING.name(), booking.rejectionReason);
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

    private void settle(Booking booking, BookingStatus status, String rejectionReason) {
        booking.status = status;
        booking.rejectionReason = rejectionReason;
        outcomes.announceSettled(booking.id);
        sagaDuration.record(Duration.between(booking.createdAt, Instant.now()));
        registry.counter("airstay.booking.outcomes", "status", status.name()).increment();
    }

    /** The booking if it still waits for availability; an answer for a settled or canceled booking changes nothing. */
    private Booking pending(EventEnvelope event, UUID bookingId) {
        if (bookingId == null) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " has no booking_id", null);
        }
        Booking booking = bookings.findForUpdate(bookingId).orElse(null);
        if (booking == null) {
            LOG.warnf("Availability answered for unknown booking %s; ignored", bookingId);
            return null;
        }
        return booking.status == BookingStatus.PENDING ? booking : null;
    }
}
