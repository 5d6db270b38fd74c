package io.airstay.platform.problem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.airstay.contracts.WireFormat;

/**
 * Parses raw query and path parameters into values, with a 400 naming the parameter when one is bad.
 * Resources take parameters as strings and parse them here, so that a wrong type is a clear 400
 * rather than the framework's bare 404.
 */
public final class Params {

    private Params() {
    }

    public static boolean present(String raw) {
        return raw != null && !raw.isBlank();
    }

    public static Integer integer(String field, String raw, int min, int max) {
        if (!present(raw)) {
            return null;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    public static BigDecimal decimal(String field, String raw, BigDecimal min, BigDecimal max) {
        if (!present(raw)) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a number");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidFieldException(field, "must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
        return value;
    }

    public static Double coordinate(String field, String raw, double limit) {
        BigDecimal value = decimal(field, raw, BigDecimal.valueOf(-limit), BigDecimal.valueOf(limit));
        return value == null ? null : value.doubleValue();
    }

    public static LocalDate date(String field, String raw) {
        if (!present(raw)) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim(), WireFormat.DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date as YYYY-MM-DD");
        }
    }

    public static UUID uuid(String field, String raw) {
        if (!present(raw)) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "must be a UUID");
        }
    }

    /** The value lower-cased, which must be one of {@code allowed}. */
    public static String oneOf(String field, String raw, Set<String> allowed) {
        if (!present(raw)) {
            return null;
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new InvalidFieldException(field, "must be one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }

    /** Text of at most {@code maxLength} characters, trimmed. */
    public static String text(String field, String raw, int maxLength) {
        if (!present(raw)) {
            return null;
        }
        String value = raw.trim();
        if (value.length() > maxLength) {
            throw new InvalidFieldException(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }
}
