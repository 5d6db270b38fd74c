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

    /** How long processed event ids are remembered; longer than any redelivery can come late. */
    @WithDefault("7d")
    Duration processedEventsRetention();
}
