package io.airstay.analytics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.airstay.analytics.config.JobArguments.Techniques;

class JobArgumentsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private static JobArguments parse(String... args) {
        return JobArguments.parse(args, TODAY);
    }

    private static String refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void defaultsAreEveryTechniqueEightPartitionsTheDatabasesAndToday() {
        JobArguments arguments = parse("--from", "2026-11", "--to", "2027-01");
        assertEquals(YearMonth.of(2026, 11), arguments.firstMonth());
        assertEquals(LocalDate.of(2026, 11, 1), arguments.start());
        assertEquals(LocalDate.of(2027, 2, 1), arguments.end());
        assertEquals(TODAY, arguments.asOf());
        assertEquals(8, arguments.partitions());
        assertEquals(new Techniques(true, true, true), arguments.techniques());
        assertFalse(arguments.explain());
        assertEquals(Optional.empty(), arguments.input());
        assertEquals(Optional.empty(), arguments.snapshot());
    }

    @Test
    void everyOptionIsRead() {
        JobArguments arguments = parse("--from", "2026-01", "--to", "2026-01", "--as-of", "2026-02-03", "--partitions",
                "3", "--no-broadcast", "--no-cache", "--no-repartition", "--explain", "--input", "target/snap");
        assertEquals(LocalDate.of(2026, 2, 3), arguments.asOf());
        assertEquals(3, arguments.partitions());
        assertEquals(new Techniques(false, false, false), arguments.techniques());
        assertTrue(arguments.explain());
        assertEquals(Optional.of(Path.of("target/snap")), arguments.input());
        assertEquals(Optional.of(Path.of("out")), parse("--from", "2026-01", "--to", "2026-01", "--snapshot", "out")
                .snapshot());
    }

    @Test
    void eachMistakeIsNamed() {
        assertEquals("--from is required (the first month, YYYY-MM)", refused("--to", "2026-01"));
        assertEquals("--to is required (the last month, YYYY-MM)", refused("--from", "2026-01"));
        assertEquals("--from needs a value", refused("--from"));
        assertEquals("--to needs a value", refused("--from", "2026-01", "--to", "--explain"));
        assertEquals("--from must be a month as YYYY-MM, got '2026-1'", refused("--from", "2026-1", "--to", "2026-02"));
        assertEquals("--as-of must be a day as YYYY-MM-DD, got '2026-02'",
                refused("--from", "2026-01", "--to", "2026-02", "--as-of", "2026-02"));
        assertEquals("--to (2025-12) is before --from (2026-01)", refused("--from", "2026-01", "--to", "2025-12"));
        assertEquals("--from 2016-01 --to 2026-01 spans 121 months; at most 120",
                refused("--from", "2016-01", "--to", "2026-01"));
        assertEquals("--partitions must be a whole number from 1 to 1024, got '0'",
                refused("--from", "2026-01", "--to", "2026-01", "--partitions", "0"));
        assertEquals("--partitions must be a whole number from 1 to 1024, got 'many'",
                refused("--from", "2026-01", "--to", "2026-01", "--partitions", "many"));
        assertEquals("unknown argument '--fast'", refused("--from", "2026-01", "--to", "2026-01", "--fast"));
        assertEquals("--snapshot and --input exclude each other: a snapshot is of the databases",
                refused("--from", "2026-01", "--to", "2026-01", "--snapshot", "a", "--input", "b"));
    }

    @Test
    void oneHundredTwentyMonthsAreAllowed() {
        assertEquals(YearMonth.of(2025, 12), parse("--from", "2016-01", "--to", "2025-12").lastMonth());
    }
}
