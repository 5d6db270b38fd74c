package io.airstay.platform.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The near cache in each replica, in front of Redis (docs/architecture.md#caching). */
@ConfigMapping(prefix = "airstay.cache.near")
public interface NearCacheConfig {

    @WithDefault("true")
    boolean enabled();

    /**
     * The key prefixes whose changes Redis reports to this service: the keys of its versioned documents and of its
     * generation counters. An entry depending on other keys is not held near. None: no near cache.
     */
    Optional<List<String>> trackedPrefixes();

    /** The memory the near cache may take, counted in the bytes of the documents it holds. */
    @WithDefault("33554432")
    long maxBytes();

    /** The longest an entry is held, changes or not: the bound if a change report were ever lost without a trace. */
    @WithDefault("30s")
    Duration maxAge();

    /** A Redis read older than this when its answer arrives is not held near. */
    @WithDefault("10s")
    Duration maxLoad();

    /** How many keys' latest changes are remembered; beyond that, the near cache starts over empty. */
    @WithDefault("200000")
    int maxInvalidations();

    /**
     * The longest a replica may serve a copy after Redis took a change to it: entries are served only while Redis has
     * answered a PING sent less than this ago, which proves every change report sent before that PING arrived.
     */
    @WithDefault("1s")
    Duration bound();

    /** How often a PING is sent on the connection that receives change reports. */
    @WithDefault("250ms")
    Duration heartbeat();

    /** A connection whose PINGs have gone unanswered this long is given up, and the near cache starts over. */
    @WithDefault("5s")
    Duration silenceLimit();
}
