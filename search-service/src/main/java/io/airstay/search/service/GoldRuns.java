package io.airstay.search.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.airstay.search.repository.GoldRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * The newest analytics run this replica knows of. Statistics are cached under the run's id: once a replica has seen
 * a new run (within {@code stats-run-check-every}), it reads the new run's figures, and the old entries expire on
 * their own. One index probe every few seconds per replica, never per request.
 */
@ApplicationScoped
public class GoldRuns {

    private static final Logger LOG = Logger.getLogger(GoldRuns.class);

    private final GoldRepository gold;
    private volatile long latest;

    public GoldRuns(GoldRepository gold) {
        this.gold = gold;
    }

    @Scheduled(every = "${airstay.search.stats-run-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void check() {
        try {
            latest = gold.latestRunId();
        } catch (RuntimeException e) {
            LOG.debugf("Could not look for a new analytics run: %s", e);
        }
    }

    /** The newest run's id as last seen; 0 before the first run (or before the first look). */
    public long latest() {
        return latest;
    }
}
