package io.airstay.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.airstay.platform.outbox.OutboxConfig;
import io.quarkus.scheduler.Scheduled;

/** Keeps the platform tables small: published outbox rows and remembered event ids expire. */
@ApplicationScoped
public class PlatformHousekeeping {

    private final EntityManager entityManager;
    private final OutboxConfig outboxConfig;
    private final MessagingConfig messagingConfig;

    public PlatformHousekeeping(EntityManager entityManager, OutboxConfig outboxConfig, MessagingConfig messagingConfig) {
        this.entityManager = entityManager;
        this.outboxConfig = outboxConfig;
        this.messagingConfig = messagingConfig;
    }

    @Scheduled(every = "${airstay.housekeeping.every:1h}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void expireOldRows() {
        entityManager.createNativeQuery(
                "DELETE FROM silver.outbox_events WHERE published_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) outboxConfig.retention().toSeconds())
                .executeUpdate();
        entityManager.createNativeQuery(
                "DELETE FROM silver.processed_events WHERE processed_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) messagingConfig.processedEventsRetention().toSeconds())
                .executeUpdate();
    }
}
