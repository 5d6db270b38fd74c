package io.airstay.availability.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.airstay.availability.AvailabilityFixture;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.availability.HoldRejected.Reason;
import io.airstay.contracts.booking.BookingFacts;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.RealServers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class HoldServiceTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Inject
    AvailabilityFixture fixture;
    @Inject
    HoldService holds;
    @Inject
    EntityManager entityManager;

    @Test
    void parallelHoldsOfOverlappingNightsGiveEachNightToExactlyOneBooking() throws Exception {
        UUID id = fixture.property(new BigDecimal("80.00"), 1);
        LocalDate shared = TODAY.plusDays(60);
        int requests = 60;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HoldService.HoldOutcome>> outcomes = new ArrayList<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < requests; i++) {
            // Every stay covers the shared night; starts and lengths vary so the overlaps differ.
            LocalDate checkIn = shared.minusDays(i % 4);
            LocalDate checkOut = shared.plusDays(1 + i % 3);
            BookingFacts request = request(UUID.randomUUID(), checkIn, checkOut);
            Callable<HoldService.HoldOutcome> hold = () -> {
                start.await();
                long began = System.nanoTime();
                HoldService.HoldOutcome outcome = holds.hold(id, UUID.randomUUID(), request);
                latencies.add((System.nanoTime() - began) / 1_000_000.0);
                return outcome;
            };
            outcomes.add(pool.submit(hold));
        }
        start.countDown();
        List<HoldService.HoldOutcome> results = new ArrayList<>();
        for (Future<HoldService.HoldOutcome> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();

        List<HoldService.HoldOutcome> granted = results.stream().filter(HoldService.HoldOutcome::isHeld).toList();
        assertEquals(1, granted.size(), "exactly one stay gets the shared night");
        assertTrue(results.stream().filter(r -> !r.isHeld()).allMatch(r -> r.rejected().reason() == Reason.TAKEN));
        UUID winner = granted.get(0).held().bookingId();
        Map<LocalDate, UUID> holders = holders(id, shared.minusDays(5), shared.plusDays(5));
        assertEquals(Set.of(winner), new HashSet<>(holders.values()), "only the winner holds nights: " + holders);
        assertEquals(granted.get(0).held().nights().size(), holders.size(), "and it holds every night of its stay");
        List<Double> sorted = latencies.stream().sorted().toList();
        System.out.printf("parallel holds: %d requests on 16 threads, %d granted, %d rejected; hold latency ms p50 %.1f p99 %.1f max %.1f%n",
                requests, granted.size(), requests - granted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
    }

    @Test
    void concurrentSetsOfOverlappingHoldsGiveEachNightToExactlyOneBookingWithoutDeadlocks() throws Exception {
        List<UUID> listings = List.of(fixture.property(new BigDecimal("80.00"), 1), fixture.property(new BigDecimal("90.00"), 1),
                fixture.property(new BigDecimal("70.00"), 1));
        LocalDate shared = TODAY.plusDays(150);
        int sets = 6;
        ExecutorService pool = Executors.newFixedThreadPool(sets);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<HoldService.HoldOutcome>>> decided = new ArrayList<>();
        List<HoldService.HoldRequest> everyRequest = new ArrayList<>();
        for (int set = 0; set < sets; set++) {
            // Each set asks for every listing's shared night several times, in its own order: the sets lock the same
            // rows, and would deadlock if locks followed the requests' order.
            List<HoldService.HoldRequest> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                requests.add(new HoldService.HoldRequest(listings.get(i % 3), UUID.randomUUID(),
                        request(UUID.randomUUID(), shared.minusDays(i % 4), shared.plusDays(1 + (i + set) % 3))));
            }
            Collections.shuffle(requests, new Random(set));
            everyRequest.addAll(requests);
            decided.add(pool.submit(() -> {
                start.await();
                return holds.holdAll(requests);
            }));
        }
        start.countDown();
        List<HoldService.HoldOutcome> outcomes = new ArrayList<>();
        for (Future<List<HoldService.HoldOutcome>> set : decided) {
            outcomes.addAll(set.get());
        }
        pool.shutdown();

        List<HoldService.HoldOutcome> granted = outcomes.stream().filter(HoldService.HoldOutcome::isHeld).toList();
        assertEquals(3, granted.size(), "one stay per listing gets the shared night");
        assertTrue(outcomes.stream().filter(outcome -> !outcome.isHeld()).allMatch(outcome -> outcome.rejected().reason() == Reason.TAKEN));
        for (UUID listing : listings) {
            Set<UUID> winners = granted.stream().map(outcome -> outcome.held().bookingId())
                    .filter(booking -> everyRequest.stream().anyMatch(r -> r.propertyId().equals(listing)
                            && r.booking().bookingId().equals(booking))).collect(Collectors.toSet());
            assertEquals(1, winners.size(), "one winner on " + listing);
            Map<LocalDate, UUID> holders = holders(listing, shared.minusDays(5), shared.plusDays(5));
            assertEquals(winners, new HashSet<>(holders.values()), "only the winner holds nights: " + holders);
        }
        assertEquals(sets * 12L, outcomes.stream().map(outcome -> outcome.isHeld() ? outcome.held().bookingId()
                : outcome.rejected().bookingId()).distinct().count(), "every request got its own answer");
    }

    @Test
    void overlappingRequestsThroughTheBrokerGetOneHoldAndRejections() {
        UUID id = fixture.property(new BigDecimal("80.00"), 1);
        LocalDate shared = TODAY.plusDays(90);
        List<UUID> bookings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID booking = UUID.randomUUID();
            bookings.add(booking);
            fixture.bookingRequested(id, booking, shared.minusDays(i % 3), shared.plusDays(1 + i % 2));
        }

        List<EventEnvelope> events = fixture.availabilityEvents(id,
                read -> bookings.stream().allMatch(b -> !AvailabilityFixture.outcomesFor(read, b).isEmpty()));

        Map<String, Long> outcomes = bookings.stream().map(b -> AvailabilityFixture.outcomesFor(events, b).get(0).eventType())
                .collect(Collectors.groupingBy(type -> type, Collectors.counting()));
        assertEquals(Map.of(AvailabilityTopic.HELD, 1L, AvailabilityTopic.REJECTED, 49L), outcomes);
        assertEquals(1, new HashSet<>(holders(id, shared.minusDays(3), shared.plusDays(3)).values()).size());
    }

    @Test
    void redeliveriesChangeNothingAndAnswerHeldAgain() {
        UUID id = fixture.property(new BigDecimal("80.00"), 1);
        UUID booking = UUID.randomUUID();
        LocalDate in = TODAY.plusDays(120);
        EventEnvelope request = fixture.bookingRequested(id, booking, in, in.plusDays(3));
        fixture.availabilityEvents(id, read -> !AvailabilityFixture.outcomesFor(read, booking).isEmpty());
        Map<LocalDate, UUID> heldBefore = holders(id, in, in.plusDays(3));

        fixture.send(BookingTopic.NAME, request);
        // The same booking asked again under a new event id (e.g. a retry by booking-service).
        EventEnvelope retry = fixture.bookingRequested(id, booking, in, in.plusDays(3));
        await().atMost(AvailabilityFixture.WAIT).until(() -> processed(retry.eventId()));

        assertEquals(2, emitted(id, AvailabilityTopic.HELD, booking),
                "the redelivered event was skipped; the retry was answered held again");
        assertEquals(heldBefore, holders(id, in, in.plusDays(3)), "nothing changed");
        List<EventEnvelope> events = fixture.availabilityEvents(id, read -> AvailabilityFixture.outcomesFor(read, booking).size() >= 2);
        List<EventEnvelope> outcomes = AvailabilityFixture.outcomesFor(events, booking);
        assertEquals(outcomes.get(0).payload().get("nights"), outcomes.get(1).payload().get("nights"));
    }

    @Test
    void releaseFreesOnlyTheBookingsOwnNightsOnce() {
        UUID id = fixture.property(new BigDecimal("80.00"), 1);
        LocalDate in = TODAY.plusDays(150);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        assertTrue(holdNow(id, first, in, in.plusDays(2)).isHeld());
        assertTrue(holdNow(id, second, in.plusDays(2), in.plusDays(4)).isHeld());

        assertEquals(List.of(in, in.plusDays(1)), QuarkusTransaction.requiringNew().call(() -> holds.release(first)));
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> holds.release(first)), "a second release frees nothing");

        Map<LocalDate, UUID> holders = holders(id, in, in.plusDays(4));
        assertEquals(Map.of(in.plusDays(2), second, in.plusDays(3), second), holders);
        assertTrue(holdNow(id, UUID.randomUUID(), in, in.plusDays(2)).isHeld(), "the freed nights can be held again");
    }

    @Test
    void cancellationOnTheBrokerReleasesTheNights() {
        UUID id = fixture.property(new BigDecimal("80.00"), 1);
        LocalDate in = TODAY.plusDays(170);
        UUID booking = UUID.randomUUID();
        assertTrue(holdNow(id, booking, in, in.plusDays(2)).isHeld());

        fixture.bookingCanceled(id, booking, in, in.plusDays(2));

        List<EventEnvelope> events = fixture.availabilityEvents(id, read -> read.stream()
                .anyMatch(e -> e.eventType().equals(AvailabilityTopic.RELEASED)));
        assertTrue(holders(id, in, in.plusDays(2)).isEmpty());
        EventEnvelope updated = events.get(events.size() - 1);
        assertEquals(AvailabilityTopic.UPDATED, updated.eventType());
        assertEquals(0, updated.payload().get("unavailable_dates").size());
    }

    @Test
    void rejectionsSayWhy() {
        UUID id = fixture.property(new BigDecimal("80.00"), 3);
        LocalDate in = TODAY.plusDays(200);
        assertEquals(Reason.BELOW_MINIMUM_NIGHTS, holdNow(id, UUID.randomUUID(), in, in.plusDays(2)).rejected().reason());
        assertEquals(Reason.ABOVE_MAXIMUM_NIGHTS, holdNow(id, UUID.randomUUID(), in, in.plusDays(31)).rejected().reason());
        assertEquals(Reason.OUTSIDE_HORIZON, holdNow(id, UUID.randomUUID(), TODAY.plusDays(363), TODAY.plusDays(367))
                .rejected().reason());
        assertEquals(Reason.OUTSIDE_HORIZON, holdNow(id, UUID.randomUUID(), TODAY.minusDays(2), TODAY.plusDays(2))
                .rejected().reason());
        assertEquals(Reason.UNKNOWN_LISTING, holdNow(UUID.randomUUID(), UUID.randomUUID(), in, in.plusDays(3))
                .rejected().reason());
        assertEquals(Reason.INVALID_DATES, holdNow(id, UUID.randomUUID(), in, in).rejected().reason());

        EventEnvelope deactivated = fixture.sendPropertyEvent(PropertyTopic.DEACTIVATED, id, new BigDecimal("80.00"), 3, false);
        // Waits without trying holds: one tried before the deactivation applies would take the nights.
        await().atMost(AvailabilityFixture.WAIT).until(() -> processed(deactivated.eventId()));
        assertEquals(Reason.LISTING_INACTIVE, holdNow(id, UUID.randomUUID(), in, in.plusDays(3)).rejected().reason());
        assertTrue(holders(id, in, in.plusDays(40)).isEmpty(), "no rejected request held anything");
    }

    private boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager.createNativeQuery(
                "SELECT 1 FROM silver.processed_events WHERE event_id = ?1").setParameter(1, eventId).getResultList().isEmpty());
    }

    /** Events of a type about the booking that the service wrote to its outbox (what it said, exactly once each). */
    private long emitted(UUID propertyId, String type, UUID booking) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM silver.outbox_events
                WHERE event_key = ?1 AND event_type = ?2 AND envelope LIKE ?3""")
                .setParameter(1, propertyId.toString()).setParameter(2, type).setParameter(3, "%" + booking + "%")
                .getSingleResult()).longValue());
    }

    private HoldService.HoldOutcome holdNow(UUID propertyId, UUID booking, LocalDate in, LocalDate out) {
        return holds.hold(propertyId, UUID.randomUUID(), request(booking, in, out));
    }

    private static BookingFacts request(UUID booking, LocalDate in, LocalDate out) {
        return new BookingFacts(booking, UUID.randomUUID(), in, out, 2, null, null, null);
    }

    @SuppressWarnings("unchecked")
    private Map<LocalDate, UUID> holders(UUID propertyId, LocalDate from, LocalDate to) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT calendar_date, booking_id FROM silver.availability_calendar
                WHERE property_id = ?1 AND calendar_date >= ?2 AND calendar_date < ?3 AND booking_id IS NOT NULL""")
                .setParameter(1, propertyId).setParameter(2, from).setParameter(3, to).getResultList());
        return rows.stream().collect(Collectors.toMap(row -> (LocalDate) row[0], row -> (UUID) row[1]));
    }
}
