package io.airstay.availability.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

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
    public static CalendarSnapshot of(LocalDate from, LocalDate to, List<CalendarNight> stored) {
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

    /** Whether the snapshot can answer for nights from {@code start} on. */
    public boolean coversFrom(LocalDate start) {
        return !start.isBefore(from);
    }

    /**
     * The API's calendar of the nights from {@code start} to {@code end}, both included; nights beyond the
     * snapshot are not in the calendar (unavailable, no price).
     */
    public AvailabilityCalendar calendar(UUID propertyId, LocalDate start, LocalDate end) {
        List<AvailabilityCalendar.Night> nights = new ArrayList<>((int) ChronoUnit.DAYS.between(start, end) + 1);
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            int index = (int) ChronoUnit.DAYS.between(from, date);
            nights.add(index >= states.length() || states.charAt(index) == '-'
                    ? new AvailabilityCalendar.Night(date, false, null, null)
                    : new AvailabilityCalendar.Night(date, states.charAt(index) == 'A', prices.get(index),
                            minimumNights.get(index)));
        }
        return new AvailabilityCalendar(propertyId, start, end, nights);
    }

    /**
     * The JSON of {@link #calendar}, written straight from the snapshot, as Jackson writes it (snake_case, ISO dates,
     * decimals as {@code BigDecimal.toString()}, nulls written): a calendar read builds no objects per night and
     * runs no serializer.
     */
    public String json(UUID propertyId, LocalDate start, LocalDate end) {
        int nights = (int) ChronoUnit.DAYS.between(start, end) + 1;
        StringBuilder json = new StringBuilder(100 + 80 * nights).append("{\"property_id\":\"").append(propertyId)
                .append("\",\"start_date\":\"").append(start).append("\",\"end_date\":\"").append(end)
                .append("\",\"availability\":[");
        int index = (int) ChronoUnit.DAYS.between(from, start);
        LocalDate date = start;
        for (int night = 0; night < nights; night++, index++, date = date.plusDays(1)) {
            boolean inCalendar = index < states.length() && states.charAt(index) != '-';
            json.append(night == 0 ? "{\"date\":\"" : ",{\"date\":\"").append(date)
                    .append("\",\"available\":").append(inCalendar && states.charAt(index) == 'A')
                    .append(",\"price\":").append(inCalendar ? prices.get(index) : null)
                    .append(",\"minimum_nights\":").append(inCalendar ? minimumNights.get(index) : null).append('}');
        }
        return json.append("]}").toString();
    }
}
