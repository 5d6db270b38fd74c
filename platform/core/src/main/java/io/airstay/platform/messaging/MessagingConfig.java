package io.airstay.platform.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "airstay.messaging")
public interface MessagingConfig {

    /** Attempts at an event that keeps failing for a non-transient reason before it goes to the dead-letter topic. */
    @WithDefault("3")
    int maxAttempts();

    /** First pause between attempts; doubles each time, up to {@link #maxBackoff()}. */
    @WithDefault("100ms")
    Duration initialBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /**
     * How long processed event ids are remembered: longer than a topic can hold an event (retention.ms plus one
     * segment.ms, as Kafka deletes whole segments), so that a consumer whose offsets are reset to the earliest applies
     * no event twice.
     */
    @WithDefault("9d")
    Duration processedEventsRetention();
}
