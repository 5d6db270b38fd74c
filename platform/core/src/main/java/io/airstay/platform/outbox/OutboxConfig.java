package io.airstay.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "airstay.outbox")
public interface OutboxConfig {

    /** Whether this instance takes part in relaying (one replica at a time holds the relay lock). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows sent per round trip to Kafka. */
    @WithDefault("500")
    int batchSize();

    /** Longest wait for a commit notification before looking at the table anyway. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Pause before retrying after Kafka or the database failed, and between attempts to become the relay. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** How long published rows are kept (for audit and replay) before housekeeping deletes them. */
    @WithDefault("24h")
    Duration retention();
}
