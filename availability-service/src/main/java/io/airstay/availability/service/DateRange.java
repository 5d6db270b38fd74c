package io.airstay.availability.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.airstay.platform.problem.InvalidFieldException;

/** Nights from {@code start} to {@code end}, both included, as the API speaks of them. */
public record DateRange(LocalDate start, LocalDate end) {

    /** @throws InvalidFieldException naming end_date when the range is reversed or wider than {@code maxNights} */
    public static DateRange of(LocalDate start, LocalDate end, int maxNights) {
        if (end.isBefore(start)) {
            throw new InvalidFieldException("end_date", "must not be before start_date");
        }
        DateRange range = new DateRange(start, end);
        if (range.nights() > maxNights) {
            throw new InvalidFieldException("end_date", "a range spans at most " + maxNights + " nights");
        }
        return range;
    }

    public long nights() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** The day after the last night: the exclusive bound the calendar queries take. */
    public LocalDate endExclusive() {
        return end.plusDays(1);
    }
}
