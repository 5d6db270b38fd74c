package io.airstay.booking.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.airstay.booking.repository.BookingRepository;
import io.airstay.platform.db.PgNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Lets the replica that took a booking request wait for the saga's outcome without a thread per request,
 * whichever replica consumes availability's answer: that replica NOTIFYs in the transaction that settles
 * the booking, and PostgreSQL delivers it to every replica at commit.
 */
@ApplicationScoped
@Startup
public class BookingOutcomes {

    static final String CHANNEL = "booking_outcome";
    /** 36 characters and a comma per id, within PostgreSQL's 8,000-byte payload. */
    private static final int IDS_PER_NOTIFICATION = 200;

    private final BookingRepository bookings;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Counter waitsRunOut;

    public BookingOutcomes(BookingRepository bookings, TransactionSynchronizationRegistry transactions,
            PgNotifications notifications, MeterRegistry registry) {
        this.bookings = bookings;
        this.transactions = transactions;
        this.waitsRunOut = Counter.builder("airstay.booking.outcome.waits.run.out")
                .description("Booking requests whose wait for the saga's outcome ran out before a replica announced it")
                .register(registry);
        notifications.listen(CHANNEL, this::settled);
    }

    /**
     * Registers interest in the booking before the transaction creating it commits, so no outcome can
     * slip by; forgotten again if the transaction rolls back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expect(UUID bookingId) {
        waiting.put(bookingId, new CompletableFuture<>());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    waiting.remove(bookingId);
                }
            }
        });
    }

    /** Completes when the booking is settled or {@code atMost} has passed, whichever comes first. */
    public Uni<Void> await(UUID bookingId, Duration atMost) {
        CompletableFuture<Void> outcome = waiting.getOrDefault(bookingId, CompletableFuture.completedFuture(null));
        return Uni.createFrom().completionStage(outcome)
                .ifNoItem().after(atMost).recoverWithItem(() -> {
                    waitsRunOut.increment();
                    return null;
                })
                .eventually(() -> waiting.remove(bookingId));
    }

    /** Tells every replica, when the current transaction commits, that the booking is settled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announceSettled(UUID bookingId) {
        announceSettled(List.of(bookingId));
    }

    /**
     * Tells every replica, when the current transaction commits, that the bookings are settled: their ids
     * comma-separated, in as few notifications as PostgreSQL's payload limit (8,000 bytes) allows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announceSettled(List<UUID> bookingIds) {
        for (int from = 0; from < bookingIds.size(); from += IDS_PER_NOTIFICATION) {
            List<UUID> chunk = bookingIds.subList(from, Math.min(bookingIds.size(), from + IDS_PER_NOTIFICATION));
            bookings.notifyAtCommit(CHANNEL, chunk.stream().map(UUID::toString).collect(Collectors.joining(",")));
        }
    }

    private void settled(String payload) {
        for (String bookingId : payload.split(",")) {
            CompletableFuture<Void> outcome = waiting.get(UUID.fromString(bookingId));
            if (outcome != null) {
                outcome.complete(null);
            }
        }
    }
}
