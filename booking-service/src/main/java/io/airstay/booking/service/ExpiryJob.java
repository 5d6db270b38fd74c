package io.airstay.booking.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.airstay.booking.config.BookingConfig;
import io.airstay.booking.repository.BookingRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Expires pending bookings past their deadline, in batches, on a schedule; every replica runs it, and SKIP LOCKED
 * keeps two from taking the same booking. Reports how many are overdue, for the alert that catches a stuck job.
 */
@ApplicationScoped
@Startup // registers the overdue gauge at boot
public class ExpiryJob {

    static final int BATCH = 500;

    private final SagaService saga;
    private final BookingRepository bookings;
    private final BookingConfig config;

    public ExpiryJob(SagaService saga, BookingRepository bookings, BookingConfig config, MeterRegistry registry) {
        this.saga = saga;
        this.bookings = bookings;
        this.config = config;
        Gauge.builder("airstay.booking.pending.overdue", this, ExpiryJob::overdue)
                .description("Bookings still pending past their deadline (the expiry job turns them EXPIRED within seconds)")
                .register(registry);
    }

    @Scheduled(every = "${airstay.booking.expiry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        while (saga.expireOverdue(config.deadline(), BATCH) == BATCH) {
            // another full batch may be waiting
        }
    }

    private double overdue() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> bookings.countPendingSince(Instant.now().minus(config.deadline())));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
