package io.airstay.analytics.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A source read: its rows (lazy: Spark reads them when an aggregate needs them), their count and the slices they are
 * read in.
 */
public record Read(Source source, Dataset<Row> rows, long count, int partitions) {

    public String describe() {
        return count + " rows, " + partitions + (partitions == 1 ? " partition" : " partitions");
    }
}
