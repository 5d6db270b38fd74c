package io.airstay.availability.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "airstay.availability")
public interface AvailabilityConfig {

    /** Nights from today that every active listing's calendar covers. */
    @WithDefault("365")
    int horizonDays();

    /** When the daily job extends calendars to the horizon (Quartz-style cron, read by the scheduler). */
    @WithDefault("0 5 0 * * ?")
    String horizonCron();

    /** Widest range a calendar read or host change may span, in nights. */
    @WithDefault("365")
    int maxRangeNights();
}
