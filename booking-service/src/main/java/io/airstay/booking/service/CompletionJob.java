package io.airstay.booking.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Marks confirmed stays past their check-out as COMPLETED, in batches, on a schedule. */
@ApplicationScoped
public class CompletionJob {

    static final int BATCH = 500;

    private final SagaService saga;

    public CompletionJob(SagaService saga) {
        this.saga = saga;
    }

    @Scheduled(every = "${airstay.booking.completion-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        while (saga.completeFinishedStays(BATCH) == BATCH) {
            // another full batch may be waiting
        }
    }
}
