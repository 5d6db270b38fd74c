package io.airstay.platform.cache;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "airstay.cache")
public interface CacheConfig {

    /** Turns the cache off entirely (every read goes to the source); for measuring the database path. */
    @WithDefault("true")
    boolean enabled();

    /** A Redis call slower than this counts as a failure and the source answers instead. */
    @WithDefault("250ms")
    Duration timeout();

    /** After a Redis failure, how long to go straight to the source before trying Redis again. */
    @WithDefault("1s")
    Duration failureBackoff();

    /**
     * How many keys' repairs (evictions after failed post-commit writes) may wait in memory for Redis to answer;
     * beyond that, a failed write leaves the entry to its TTL.
     */
    @WithDefault("10000")
    int maxPendingRepairs();
}
