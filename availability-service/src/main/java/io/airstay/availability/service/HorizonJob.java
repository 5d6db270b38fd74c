package io.airstay.availability.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.airstay.availability.config.AvailabilityConfig;
import io.airstay.availability.repository.CalendarRepository;
import io.quarkus.scheduler.Scheduled;

/** Rolls every active listing's calendar forward daily, so it always reaches the horizon. */
@ApplicationScoped
public class HorizonJob {

    private static final Logger LOG = Logger.getLogger(HorizonJob.class);

    private final CalendarRepository calendar;
    private final AvailabilityCache cache;
    private final AvailabilityConfig config;

    public HorizonJob(CalendarRepository calendar, AvailabilityCache cache, AvailabilityConfig config) {
        this.calendar = calendar;
        this.cache = cache;
        this.config = config;
    }

    @Scheduled(cron = "${airstay.availability.horizon-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        extendHorizons();
    }

    /** Adds the missing nights up to today + horizon - 1; returns how many. */
    @Transactional
    public int extendHorizons() {
        LocalDate lastNight = LocalDate.now().plusDays(config.horizonDays() - 1L);
        List<UUID> extended = calendar.propertiesEndingBefore(lastNight);
        int added = calendar.extendActiveHorizons(lastNight);
        extended.forEach(cache::calendarChanged);
        LOG.infof("Calendar horizon extended: %d nights added", added);
        return added;
    }
}
