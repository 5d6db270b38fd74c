package io.airstay.availability.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.airstay.availability.repository.CalendarNight;
import io.airstay.availability.rest.dto.AvailabilityCalendar;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A listing's whole calendar from {@code from} on, as cached: one cached entry answers every range a
 * guest may ask for, where a cache entry per range would rarely be asked twice. Compact (a character
 * and a price per night, about 3 KB for a year) because every calendar read fetches it.
 *
 * @param states one character per night from {@code from}: {@code A} available, {@code U} booked or blocked,
 *        {@code -} not in the calendar
 * @param prices the nightly prices, null where not in the calendar
 * @param minimumNights the minimum stay per night, null where not in the calendar
 */
@RegisterForReflection
public record CalendarSnapshot(LocalDate from, String states, List<BigDecimal> prices, List<Integer> minimumNights) {

    /** The snapshot of the stored nights of [from, to), in date order. */
    static CalendarSnapshot of(LocalDate from, LocalDate to, List<CalendarNight> stored) {
        int length = (int) ChronoUnit.DAYS.between(from, to);
        StringBuilder states = new StringBuilder("-".repeat(length));
        List<BigDecimal> prices = new ArrayList<>(Collections.nCopies(length, (BigDecimal) null));
        List<Integer> minimumNights = new ArrayList<>(Collections.nCopies(length, (Integer) null));
        for (CalendarNight night : stored) {
            int index = (int) ChronoUnit.DAYS.between(from, night.date());
            states.setCharAt(index, night.available() ? 'A' : 'U');
            prices.set(index, night.price());
            minimumNights.set(index, night.minimumNights());
        }
        return new CalendarSnapshot(from, states.toString(), prices, minimumNights);
    }

    boolean covers(DateRange range) {
        return !range.start().isBefore(from);
    }

    /** The range's nights; those beyond the snapshot are not in the calendar (unavailable, no price). */
    List<AvailabilityCalendar.Night> nights(DateRange range) {
        List<AvailabilityCalendar.Night> nights = new ArrayList<>((int) range.nights());
        for (LocalDate date = range.start(); !date.isAfter(range.end()); date = date.plusDays(1)) {
            int index = (int) ChronoUnit.DAYS.between(from, date);
            nights.add(index >= states.length() || states.charAt(index) == '-'
                    ? new AvailabilityCalendar.Night(date, false, null, null)
                    : new AvailabilityCalendar.Night(date, states.charAt(index) == 'A', prices.get(index),
                            minimumNights.get(index)));
        }
        return nights;
    }
}
