package io.airstay.analytics;

import java.io.PrintStream;
import java.time.Instant;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.airstay.analytics.aggregate.Layout;
import io.airstay.analytics.aggregate.MonthlyStats;
import io.airstay.analytics.aggregate.Popularity;
import io.airstay.analytics.config.JobArguments;
import io.airstay.analytics.config.Settings;
import io.airstay.analytics.sink.GoldWriter;
import io.airstay.analytics.sink.GoldWriter.Results;
import io.airstay.analytics.sink.ParquetOutput;
import io.airstay.analytics.source.Database;
import io.airstay.analytics.source.JdbcReader;
import io.airstay.analytics.source.SnapshotReader;
import io.airstay.analytics.source.SourceReader;
import io.airstay.analytics.source.Sources;

/**
 * One run: read the sources, compute the aggregates, write them as Parquet, then upsert them into the gold schema.
 * Nothing is written before every source has answered and every aggregate is computed.
 */
public record AnalyticsJob(SparkSession spark, Settings settings, JobArguments arguments, PrintStream out) {

    public GoldWriter.Written run() {
        Instant started = Instant.now();
        Progress progress = new Progress(out);
        configure();
        Sources sources = read(progress);
        Results results = progress.stage("aggregate", () -> materialize(aggregate(sources)),
                computed -> computed.listingMonths().count() + " listing months, " + computed.cityMonths().count()
                        + " city months, " + computed.popularListings().count() + " popular listings, "
                        + computed.popularSearches().count() + " popular searches");
        if (arguments.explain()) {
            out.println("plan of the listing months:\n" + results.listingMonths().queryExecution().executedPlan());
            out.println("plan of the city months:\n" + results.cityMonths().queryExecution().executedPlan());
        }
        ParquetOutput parquet = new ParquetOutput(settings.output());
        progress.stage("write parquet", () -> {
            parquet.write(results);
            return parquet.directory();
        }, directory -> "to " + directory);
        GoldWriter gold = new GoldWriter(new Database("search", settings.searchUrl()), settings.user(),
                settings.password());
        GoldWriter.Written written = progress.stage("upsert gold",
                () -> gold.write(results, arguments, started, progress.rowsRead()),
                w -> w.rows() + " rows, run " + w.runId());
        progress.written(written.rows());
        progress.summary();
        return written;
    }

    /** The sources of the run: planned, counted, not read yet (but written first when the run keeps a snapshot). */
    Sources read(Progress progress) {
        SourceReader reader = arguments.input().<SourceReader>map(directory -> new SnapshotReader(spark, directory))
                .orElseGet(() -> new JdbcReader(spark, settings.user(), settings.password(), arguments.partitions()));
        Sources sources = Sources.read(reader, settings, arguments, progress);
        arguments.snapshot().ifPresent(directory -> progress.stage("write snapshot", () -> {
            SnapshotReader.write(sources.all(), directory);
            return directory;
        }, written -> "to " + written));
        return sources;
    }

    /**
     * Spark settings of a run: shuffles into the run's partitions; a join broadcasts only what the job marks (so that
     * the broadcast switch measures something: Spark would broadcast a small listing dimension on its own); dates in
     * UTC.
     */
    void configure() {
        spark.conf().set("spark.sql.shuffle.partitions", arguments.partitions());
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", -1);
        spark.conf().set("spark.sql.session.timeZone", "UTC");
    }

    /** The results' plans: lazy until {@link #materialize}. */
    Results aggregate(Sources sources) {
        Layout layout = new Layout(arguments.techniques(), arguments.partitions());
        Dataset<Row> listings = cached(sources.listings().rows());
        Dataset<Row> bookings = cached(sources.bookings().rows());
        MonthlyStats stats = new MonthlyStats(layout);
        Dataset<Row> counters = cached(stats.listingCounters(listings, sources.calendar().rows(), bookings,
                arguments.start(), arguments.end()));
        Popularity popularity = new Popularity(layout, arguments.asOf());
        return new Results(
                MonthlyStats.listingMonths(counters),
                stats.cityMonths(counters, listings, sources.reviews().rows()),
                popularity.listings(listings, sources.listingViews().rows(), bookings),
                popularity.searches(listings, sources.searches().rows(), sources.searches().count(), bookings));
    }

    /** Computes the results once: cached, as Parquet and the gold tables read them again. */
    private Results materialize(Results results) {
        return new Results(cached(results.listingMonths()), cached(results.cityMonths()),
                cached(results.popularListings()), cached(results.popularSearches()));
    }

    private Dataset<Row> cached(Dataset<Row> rows) {
        return arguments.techniques().cache() ? rows.cache() : rows;
    }
}
