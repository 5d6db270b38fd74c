package io.airstay.search.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "airstay.search")
public interface SearchConfig {

    /** Cities whose first results page is kept warm while the last analytics run ranked no searches. */
    @WithDefault("New York,Los Angeles,San Francisco,Chicago,Miami")
    List<String> warmCities();

    /**
     * How many listings have their detail kept warm: the most popular of the last analytics run, or while it ranked
     * none, the most booked.
     */
    @WithDefault("200")
    int warmTopProperties();

    /** How many of the last analytics run's most popular searches have their first page kept warm. */
    @WithDefault("50")
    int warmTopSearches();

    /** How often warming runs (first run at start); {@code off} disables it. Read by the scheduler. */
    @WithDefault("10m")
    String warmEvery();

    /** How often the read replica is probed: whether it answers (searches read the primary while it does not), and its lag. */
    @WithDefault("200ms")
    Duration replicaProbeEvery();

    /** How long a writer waits for the read replica to replay its commit before it retires the searches it changed. */
    @WithDefault("1s")
    Duration replicaWait();

    /**
     * How often this replica looks for a new analytics run (the newest row of gold.runs): cached statistics of an
     * older run are no longer served once it has seen the new one. Read by the scheduler; {@code off} disables it.
     */
    @WithDefault("5s")
    String statsRunCheckEvery();

    /**
     * How often this replica adds the demand it counted (listing views, searches) to the daily counters. Read by the
     * scheduler; {@code off} leaves it to shutdown.
     */
    @WithDefault("5s")
    String demandFlushEvery();
}
