package io.airstay.platform.db;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must see the current transaction committed: a cache write, a wait for a replica. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * Runs {@code work} once the current transaction has committed, on the committing thread, and not at all if it
     * rolls back; at once without a transaction. The thread still belongs to the finished transaction then: work that
     * needs a transaction or a connection of its own runs on another thread.
     */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable work) {
        if (transactions.getTransactionKey() == null) {
            work.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
