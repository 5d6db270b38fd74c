package io.airstay.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.airstay.analytics.config.JobArguments;
import io.airstay.analytics.config.Settings;
import io.airstay.analytics.sink.GoldWriter.Results;

/** The physical plans show the three techniques where they are on, and not where they are off. */
class PlanTest {

    private static final String[] MONTHS = {"--from", "2026-01", "--to", "2026-02", "--as-of", "2026-02-28"};
    /** A shuffle and the expressions it partitions on, up to its partition count. */
    private static final Pattern SHUFFLE = Pattern.compile("Exchange hashpartitioning\\((.*?), \\d+\\)");

    private static TestDatabases databases;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        databases = TestDatabases.get();
        spark = TestSpark.session();
        databases.clear();
        TestData.load(databases);
    }

    private static Results plan(String... switches) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        AnalyticsJob job = new AnalyticsJob(spark, Settings.fromEnv(databases.env(Path.of("target", "unused"))),
                JobArguments.parse(Stream.concat(Stream.of(MONTHS), Stream.of(switches)).toArray(String[]::new)),
                discard);
        job.configure();
        return job.aggregate(job.read(new Progress(discard)));
    }

    private static String physical(Dataset<Row> rows) {
        return rows.queryExecution().executedPlan().toString();
    }

    /** The expressions of each shuffle, without expression ids: "property_id", "property_id, night", ... */
    private static List<String> shuffles(Dataset<Row> rows) {
        Matcher shuffle = SHUFFLE.matcher(physical(rows));
        return shuffle.results().map(match -> match.group(1).replaceAll("#\\d+", "")).toList();
    }

    @Test
    void theListingDimensionIsBroadcast() {
        assertTrue(physical(plan().listingMonths()).contains("BroadcastHashJoin"));
        String withoutBroadcast = physical(plan("--no-broadcast").listingMonths());
        assertFalse(withoutBroadcast.contains("BroadcastHashJoin"), withoutBroadcast);
        assertTrue(withoutBroadcast.contains("SortMergeJoin"), withoutBroadcast);
    }

    @Test
    void whatIsUsedMoreThanOnceIsCached() {
        Results results = plan();
        assertTrue(results.cityMonths().queryExecution().optimizedPlan().toString().contains("InMemoryRelation"));
        assertTrue(results.popularListings().queryExecution().optimizedPlan().toString().contains("InMemoryRelation"));
        String withoutCache = plan("--no-cache").cityMonths().queryExecution().optimizedPlan().toString();
        assertFalse(withoutCache.contains("InMemoryRelation"), withoutCache);
    }

    @Test
    void theListingCountersShuffleOnceByListing() {
        // calendar nights, booked nights and check-ins shuffled once, together, by listing: the aggregation by
        // (listing, month) keeps that partitioning
        assertEquals(List.of("property_id"), shuffles(plan("--no-cache").listingMonths()));
        // without: the aggregation's own shuffle by (listing, month), of rows aggregated per task first
        // (the month is a grouping expression)
        assertEquals(List.of("property_id, _groupingexpression"),
                shuffles(plan("--no-cache", "--no-repartition").listingMonths()));
    }
}
