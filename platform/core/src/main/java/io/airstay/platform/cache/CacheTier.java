package io.airstay.platform.cache;

import java.time.Duration;

/** TTL tiers by how fast data changes. TTL is only the backstop: writes invalidate what they change. */
public enum CacheTier {
    /** Listing details. */
    STATIC(Duration.ofHours(24)),
    /** Availability calendars. */
    SEMI_STATIC(Duration.ofHours(1)),
    /** Search results. */
    DYNAMIC(Duration.ofMinutes(5)),
    /** Metrics and other fast-moving figures. */
    REAL_TIME(Duration.ofMinutes(1));

    private final Duration ttl;

    CacheTier(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }
}
