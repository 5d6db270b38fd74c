package io.airstay.analytics.aggregate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.airstay.analytics.config.JobArguments.Techniques;

/** How the aggregates lay their inputs out, as the techniques turned on say: partitioned by listing, broadcast. */
public record Layout(Techniques techniques, int partitions) {

    /** Rows spread over the shuffle partitions by listing, when the job repartitions before aggregating. */
    Dataset<Row> byListing(Dataset<Row> rows) {
        return techniques.repartition() ? rows.repartition(partitions, col("property_id")) : rows;
    }

    /** The listing dimension (or columns of it), marked for broadcasting when the job broadcasts it. */
    Dataset<Row> dimension(Dataset<Row> listings) {
        return techniques.broadcast() ? broadcast(listings) : listings;
    }
}
