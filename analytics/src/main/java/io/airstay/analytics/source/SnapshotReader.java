package io.airstay.analytics.source;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.airstay.analytics.AnalyticsException;

/**
 * Reads the sources from a snapshot: the Parquet directory per source that a run with {@code --snapshot} wrote, in a
 * local directory. Each source's condition applies again, so a snapshot of a wider range serves a narrower one.
 */
public record SnapshotReader(SparkSession spark, Path directory) implements SourceReader {

    @Override
    public String origin(Source source) {
        return "snapshot";
    }

    @Override
    public Read read(Source source) {
        Path files = directory.resolve(source.name());
        if (!Files.isDirectory(files)) {
            throw new AnalyticsException("the snapshot " + directory + " has no " + source.name() + " (" + files
                    + " is not a directory)");
        }
        Dataset<Row> rows = spark.read().parquet(files.toString()).filter(source.condition());
        return new Read(source, rows, rows.count(), rows.rdd().getNumPartitions());
    }

    /** Writes the rows of {@code reads} under {@code directory}, a source per directory, replacing an older snapshot. */
    public static void write(Iterable<Read> reads, Path directory) {
        for (Read read : reads) {
            read.rows().write().mode("overwrite").parquet(directory.resolve(read.source().name()).toString());
        }
    }
}
