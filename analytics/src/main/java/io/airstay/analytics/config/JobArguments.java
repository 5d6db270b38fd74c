package io.airstay.analytics.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The job's command line: the months to compute ({@code --from}, {@code --to}, inclusive), the day popularity is
 * ranked on ({@code --as-of}, today in UTC by default), Spark's partition count, and a switch to turn each of the
 * three Spark techniques off for measurement, and where the sources come from: the databases, whose rows a run can
 * also keep as a snapshot ({@code --snapshot}), or such a snapshot ({@code --input}).
 */
public record JobArguments(YearMonth firstMonth, YearMonth lastMonth, LocalDate asOf, int partitions,
        Techniques techniques, boolean explain, Optional<Path> input, Optional<Path> snapshot) {

    public static final int MAX_MONTHS = 120;
    public static final int MAX_PARTITIONS = 1024;

    public static final String USAGE = """
            usage: airstay-analytics --from YYYY-MM --to YYYY-MM [--as-of YYYY-MM-DD] [--partitions N]
                                     [--no-broadcast] [--no-cache] [--no-repartition] [--explain]
                                     [--snapshot DIR | --input DIR]
              --from, --to      the first and last month to compute (at most %d months)
              --as-of           the day popularity is ranked on: its 28 days end there (default: today, UTC)
              --partitions      JDBC read partitions per source and Spark shuffle partitions (default 8, at most %d)
              --no-broadcast    join the listing dimension without broadcasting it
              --no-cache        recompute what is used more than once instead of caching it
              --no-repartition  let each join and aggregation shuffle on its own key
              --explain         print the physical plans of the aggregates
              --snapshot DIR    also write the rows read from the databases to DIR as Parquet, a directory per source
              --input DIR       read the sources from such a snapshot instead of the databases (gold is still
                                written to the search database)
            environment: AIRSTAY_ANALYTICS_SEARCH_URL, AIRSTAY_ANALYTICS_SEARCH_READ_URL (optional),
              AIRSTAY_ANALYTICS_AVAILABILITY_URL, AIRSTAY_ANALYTICS_BOOKING_URL, AIRSTAY_ANALYTICS_REVIEW_URL,
              AIRSTAY_ANALYTICS_DB_USER, AIRSTAY_ANALYTICS_DB_PASSWORD, AIRSTAY_ANALYTICS_OUTPUT
            """.formatted(MAX_MONTHS, MAX_PARTITIONS);

    /** Which of the Spark techniques the job applies (all by default). */
    public record Techniques(boolean broadcast, boolean cache, boolean repartition) {
    }

    /** The first day after the last month. */
    public LocalDate end() {
        return lastMonth.plusMonths(1).atDay(1);
    }

    public LocalDate start() {
        return firstMonth.atDay(1);
    }

    /**
     * Parses {@code args}; {@code today} is the default of {@code --as-of}.
     *
     * @throws IllegalArgumentException naming the argument that is missing or wrong
     */
    public static JobArguments parse(String[] args, LocalDate today) {
        YearMonth from = null;
        YearMonth to = null;
        LocalDate asOf = today;
        int partitions = 8;
        boolean broadcast = true;
        boolean cache = true;
        boolean repartition = true;
        boolean explain = false;
        Path input = null;
        Path snapshot = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--from" -> from = month(arg, value(args, ++i, arg));
                case "--to" -> to = month(arg, value(args, ++i, arg));
                case "--as-of" -> asOf = day(arg, value(args, ++i, arg));
                case "--partitions" -> partitions = partitions(value(args, ++i, arg));
                case "--no-broadcast" -> broadcast = false;
                case "--no-cache" -> cache = false;
                case "--no-repartition" -> repartition = false;
                case "--explain" -> explain = true;
                case "--input" -> input = Path.of(value(args, ++i, arg));
                case "--snapshot" -> snapshot = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (from == null) {
            throw new IllegalArgumentException("--from is required (the first month, YYYY-MM)");
        }
        if (to == null) {
            throw new IllegalArgumentException("--to is required (the last month, YYYY-MM)");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to (" + to + ") is before --from (" + from + ")");
        }
        long months = ChronoUnit.MONTHS.between(from, to) + 1;
        if (months > MAX_MONTHS) {
            throw new IllegalArgumentException("--from " + from + " --to " + to + " spans " + months
                    + " months; at most " + MAX_MONTHS);
        }
        if (input != null && snapshot != null) {
            throw new IllegalArgumentException("--snapshot and --input exclude each other: a snapshot is of the databases");
        }
        return new JobArguments(from, to, asOf, partitions, new Techniques(broadcast, cache, repartition), explain,
                Optional.ofNullable(input), Optional.ofNullable(snapshot));
    }

    public static JobArguments parse(String[] args) {
        return parse(args, LocalDate.now(ZoneOffset.UTC));
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index];
    }

    private static YearMonth month(String name, String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a month as YYYY-MM, got '" + value + "'");
        }
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a day as YYYY-MM-DD, got '" + value + "'");
        }
    }

    private static int partitions(String value) {
        try {
            int partitions = Integer.parseInt(value);
            if (partitions >= 1 && partitions <= MAX_PARTITIONS) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--partitions must be a whole number from 1 to " + MAX_PARTITIONS
                + ", got '" + value + "'");
    }
}
