package io.airstay.search.service;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.Params;

/**
 * The months a statistics request covers, both included: {@code to} defaults to the last full month, {@code from} to
 * the twelve months ending at {@code to}. A 400 names the parameter when a month is malformed, when {@code from} comes
 * after {@code to}, or when the range is longer than {@value #MAX_MONTHS} months.
 */
public record StatsRange(YearMonth from, YearMonth to) {

    public static final int MAX_MONTHS = 24;
    public static final int DEFAULT_MONTHS = 12;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    /** The range the parameters ask for; the current month (UTC) is not complete yet. */
    public static StatsRange parse(String from, String to) {
        YearMonth last = Params.present(to) ? month("to", to) : YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        YearMonth first = Params.present(from) ? month("from", from) : last.minusMonths(DEFAULT_MONTHS - 1L);
        if (first.isAfter(last)) {
            throw new InvalidFieldException("from", "must not be after to (" + last + ")");
        }
        if (first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
            throw new InvalidFieldException("to", "must be at most " + MAX_MONTHS + " months from from (" + first + "), both included");
        }
        return new StatsRange(first, last);
    }

    private static YearMonth month(String field, String raw) {
        try {
            return YearMonth.parse(raw.trim(), MONTH);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a month as YYYY-MM");
        }
    }

    /** The range's part of a cache key. */
    String key() {
        return from + ":" + to;
    }
}
