package io.airstay.analytics;

import static io.airstay.analytics.TestData.L1;
import static io.airstay.analytics.TestData.L2;
import static io.airstay.analytics.TestData.L3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job against real PostgreSQL databases holding {@link TestData}: every gold number worked out by hand. */
class AnalyticsJobTest {

    private static final String[] MONTHS = {"--from", "2026-01", "--to", "2026-02", "--as-of", "2026-02-28"};
    private static final String CITY_MONTHS = """
            select city, month, listings, nights_available, nights_booked, occupancy_rate, revenue, adr, revpar,
                   bookings, cancellations, cancellation_rate, avg_lead_time_days, avg_length_of_stay, reviews,
                   avg_rating, reviews_positive, reviews_neutral, reviews_negative
            from gold.city_month_stats order by city, month""";

    private static TestDatabases databases;
    private static SparkSession spark;
    private Path output;

    @BeforeAll
    static void start() throws Exception {
        databases = TestDatabases.get();
        spark = TestSpark.session();
    }

    @BeforeEach
    void load() throws Exception {
        databases.clear();
        TestData.load(databases);
        output = Files.createTempDirectory(Files.createDirectories(Path.of("target", "analytics-output")), "run");
    }

    record Outcome(int code, String out, String err) {
    }

    private Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyticsMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Outcome runMonths() {
        Outcome outcome = run(databases.env(output), MONTHS);
        assertEquals(0, outcome.code(), outcome.err());
        return outcome;
    }

    private static List<String> search(String sql) throws SQLException {
        try (Connection connection = databases.connect("search")) {
            return GoldRows.query(connection, sql);
        }
    }

    @Test
    void listingMonthsHaveTheHandComputedNumbers() throws Exception {
        runMonths();
        assertEquals(List.of(
                // 31 nights - 5 blocked; B1 5 nights + B2's one night before the month boundary: 620 / 6, 620 / 26
                L1 + "|2026-01-01|Lisbon|26|6|0.2308|620.00|103.33|23.85|2|0|0.0000|5.50|3.00",
                // only the canceled B3 checks in (B7 rejected): bookings 1, cancellations 1
                L1 + "|2026-02-01|Lisbon|28|0|0.0000|0.00|0.00|0.00|1|1|1.0000|0.00|0.00",
                // B4 spans two months: 2 of its 4 nights (210 each) here; B6 canceled holds no nights
                L2 + "|2026-01-01|Lisbon|12|2|0.1667|420.00|210.00|35.00|2|1|0.5000|14.00|4.00",
                // 10 calendar nights + B5's 2 nights without calendar rows; B4's other 2 nights
                L2 + "|2026-02-01|Lisbon|12|4|0.3333|780.00|195.00|65.00|1|0|0.0000|13.00|2.00",
                // no bookings: 31 nights - 10 blocked, zeros; no February row (no calendar, no booking)
                L3 + "|2026-01-01|Porto|21|0|0.0000|0.00|0.00|0.00|0|0|0.0000|0.00|0.00"),
                search(GoldRows.LISTING_MONTHS));
    }

    @Test
    void cityMonthsRollUpListingsAndReviews() throws Exception {
        runMonths();
        assertEquals(List.of(
                "Lisbon|2026-01-01|2|38|8|0.2105|1040.00|130.00|27.37|4|1|0.2500|8.33|3.33|2|3.50|1|0|1",
                "Lisbon|2026-02-01|2|40|4|0.1000|780.00|195.00|19.50|2|1|0.5000|13.00|2.00|1|4.00|0|1|0",
                "Porto|2026-01-01|1|21|0|0.0000|0.00|0.00|0.00|0|0|0.0000|0.00|0.00|0|0.00|0|0|0",
                // a review, and no listing numbers
                "Porto|2026-02-01|0|0|0|0.0000|0.00|0.00|0.00|0|0|0.0000|0.00|0.00|1|3.00|0|1|0"),
                search(CITY_MONTHS));
    }

    @Test
    void popularityDecaysViewsAndBookingRequestsWithAHalfLifeOfAWeek() throws Exception {
        Outcome outcome = runMonths();
        // L1: views 10 (today) + 8 x 0.5 (a week ago) + 10 x (0.25 + 0.25 + 1) for B3, B7 (two weeks ago), B8 (today)
        assertEquals(List.of("1|" + L1 + "|29", "2|" + L2 + "|6.25", "3|" + L3 + "|3"),
                search("select rank, property_id, score from gold.popular_listings order by rank"));
        assertEquals(List.of("1|Lisbon|2|1|100-200|7", "2|Porto|0|0|any|2"),
                search("select rank, city, guests, bedrooms, price_band, score from gold.popular_searches order by rank"));
        assertTrue(outcome.out().contains("analytics: upsert gold: 14 rows, run 1"), outcome.out());
    }

    @Test
    void withoutSearchCountersEachCityIsRankedByItsBookingRequests() throws Exception {
        try (Connection search = databases.connect("search")) {
            TestData.execute(search, "truncate silver.search_requests_daily");
        }
        runMonths();
        // B3 2.5 + B7 2.5 + B8 10 + B5 (three weeks before) 1.25; Porto has none
        assertEquals(List.of("1|Lisbon|0|0|any|16.25"),
                search("select rank, city, guests, bedrooms, price_band, score from gold.popular_searches order by rank"));
    }

    @Test
    void aRunReplacesItsMonthsAndKeepsTheOthers() throws Exception {
        try (Connection search = databases.connect("search")) {
            TestData.execute(search, """
                    insert into gold.listing_month_stats values ('%1$s', '2025-12-01', 'Lisbon', 31, 3, 0.0968, 300, 100,
                      9.68, 1, 0, 0, 3, 3, 0),
                    ('%2$s', '2026-02-01', 'Porto', 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0)""".formatted(L1, L3));
        }
        runMonths();
        try (Connection booking = databases.connect("booking")) {
            TestData.execute(booking, "update silver.bookings set booking_status = 'CANCELED' where total_price = 500");
        }
        runMonths();
        List<String> rows = search("select property_id, month, nights_booked, bookings, cancellations, run_id"
                + " from gold.listing_month_stats where property_id in ('" + L1 + "', '" + L3 + "') order by 1, 2");
        assertEquals(List.of(
                L1 + "|2025-12-01|3|1|0|0", // before the range: kept
                L1 + "|2026-01-01|1|2|1|2", // B1 canceled in between
                L1 + "|2026-02-01|0|1|1|2",
                L3 + "|2026-01-01|0|0|0|2"), rows);
        // an earlier run's row of L3 in February, a month of the range the run has no row for, is gone
        assertEquals(List.of("1|2026-01-01|2026-02-01|134|14", "2|2026-01-01|2026-02-01|134|14"),
                search("select run_id, first_month, last_month, rows_read, rows_written from gold.runs order by 1"));
    }

    @Test
    void writesParquetPartitionedByCityAndMonth() {
        runMonths();
        assertEquals(2, spark.read().parquet(output.resolve("listing_month_stats").toString())
                .filter("city = 'Lisbon' and month = '2026-01-01'").count());
        assertTrue(Files.isDirectory(output.resolve("listing_month_stats/city=Porto/month=2026-01-01")));
        assertEquals(4, spark.read().parquet(output.resolve("city_month_stats").toString()).count());
        assertEquals(3, spark.read().parquet(output.resolve("popular_listings").toString()).count());
    }

    @Test
    void aRunReplacesOnlyTheMonthsItComputesInTheParquetOutput() {
        Outcome january = run(databases.env(output), "--from", "2026-01", "--to", "2026-01", "--as-of", "2026-02-28");
        assertEquals(0, january.code(), january.err());
        Outcome february = run(databases.env(output), "--from", "2026-02", "--to", "2026-02", "--as-of", "2026-02-28");
        assertEquals(0, february.code(), february.err());
        assertEquals(List.of("2026-01-01", "2026-02-01"), spark.read().parquet(output.resolve("city_month_stats").toString())
                .selectExpr("cast(month as string) as month").distinct().orderBy("month").as(Encoders.STRING()).collectAsList());
    }

    @Test
    void printsALinePerStageAndASummary() {
        String out = runMonths().out();
        for (String stage : List.of("read listings (search database): 3 rows", "read calendar (availability database): 112 rows",
                "read bookings (booking database): 8 rows", "read reviews (review database): 4 rows", "aggregate: 5 listing months",
                "write parquet: to ", "upsert gold: 14 rows", "done: 134 rows read, 14 rows written; seconds: read ")) {
            assertTrue(out.contains("analytics: " + stage), () -> stage + " missing in:\n" + out);
        }
    }

    @Test
    void aSnapshotOfTheSourcesGivesTheSameNumbersOnceTheDatabasesHaveChanged() throws Exception {
        Path snapshot = output.resolve("snapshot");
        String[] keep = {"--from", "2025-12", "--to", "2026-03", "--as-of", "2026-02-28", "--snapshot", snapshot.toString()};
        Outcome kept = run(databases.env(output), keep);
        assertEquals(0, kept.code(), kept.err());
        assertTrue(kept.out().contains("analytics: write snapshot: to " + snapshot), kept.out());
        for (String source : List.of("listings", "listing_views", "search_requests", "calendar", "bookings", "reviews")) {
            assertTrue(Files.isDirectory(snapshot.resolve(source)), source);
        }
        runMonths();
        List<String> listingMonths = search(GoldRows.LISTING_MONTHS);
        List<String> cityMonths = search(CITY_MONTHS);
        try (Connection booking = databases.connect("booking")) {
            TestData.execute(booking, "delete from silver.bookings");
        }

        // a snapshot of four months serves two of them: the sources' conditions apply again
        String[] fromSnapshot = {"--from", "2026-01", "--to", "2026-02", "--as-of", "2026-02-28", "--input",
            snapshot.toString()};
        Outcome outcome = run(databases.env(output.resolve("again")), fromSnapshot);

        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("analytics: read bookings (snapshot): 8 rows"), outcome.out());
        assertTrue(outcome.out().contains("analytics: read calendar (snapshot): 112 rows"), outcome.out());
        assertEquals(listingMonths, search(GoldRows.LISTING_MONTHS));
        assertEquals(cityMonths, search(CITY_MONTHS));
    }

    @Test
    void aSnapshotWithoutASourceFailsTheRunAndWritesNothing() throws Exception {
        Path empty = Files.createDirectories(output.resolve("empty"));
        Outcome outcome = run(databases.env(output.resolve("parquet")), "--from", "2026-01", "--to", "2026-02",
                "--input", empty.toString());
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().startsWith("analytics failed: the snapshot " + empty + " has no listings"),
                outcome.err());
        assertEquals(List.of("0"), search("select count(*) from gold.runs"));
        assertFalse(Files.exists(output.resolve("parquet")));
    }

    @Test
    void anUnreachableDatabaseFailsTheRunAndWritesNothing() throws Exception {
        runMonths();
        List<String> before = search(GoldRows.LISTING_MONTHS);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort + "/airstay_review";
        Map<String, String> env = new HashMap<>(databases.env(output.resolve("second")));
        env.put("AIRSTAY_ANALYTICS_REVIEW_URL", unreachable);
        try (Connection booking = databases.connect("booking")) {
            TestData.execute(booking, "delete from silver.bookings");
        }

        Outcome outcome = run(env, MONTHS);

        assertEquals(1, outcome.code());
        assertTrue(outcome.err().startsWith("analytics failed: cannot reach the review database (" + unreachable + ")"),
                outcome.err());
        assertEquals(before, search(GoldRows.LISTING_MONTHS));
        assertEquals(List.of("1"), search("select count(*) from gold.runs"));
        assertFalse(Files.exists(output.resolve("second")));
    }

    @Test
    void wrongArgumentsExitWithUsageAndTouchNothing() throws Exception {
        Outcome outcome = run(databases.env(output), "--from", "2026-13", "--to", "2026-02");
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().startsWith("analytics: --from must be a month as YYYY-MM, got '2026-13'"),
                outcome.err());
        assertTrue(outcome.err().contains("usage: airstay-analytics"));
        Map<String, String> env = new HashMap<>(databases.env(output));
        env.remove("AIRSTAY_ANALYTICS_BOOKING_URL");
        assertTrue(run(env, MONTHS).err().startsWith("analytics: AIRSTAY_ANALYTICS_BOOKING_URL is not set"));
        assertEquals(List.of("0"), search("select count(*) from gold.runs"));
    }
}
