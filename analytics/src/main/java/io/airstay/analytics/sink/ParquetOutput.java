package io.airstay.analytics.sink;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The results as Parquet for analysts, one directory per result under the output directory. The monthly results are
 * partitioned by city and month, and a run replaces only the partitions it has (dynamic partition overwrite): months
 * outside its range stay.
 */
public final class ParquetOutput {

    private final String directory;

    public ParquetOutput(String directory) {
        this.directory = directory;
    }

    public String directory() {
        return directory;
    }

    public void write(GoldWriter.Results results) {
        monthly(results.listingMonths(), "listing_month_stats");
        monthly(results.cityMonths(), "city_month_stats");
        results.popularListings().write().mode("overwrite").parquet(directory + "/popular_listings");
        results.popularSearches().write().mode("overwrite").parquet(directory + "/popular_searches");
    }

    /** One task writes each city and month: a file per partition directory, not one per task that holds rows of it. */
    private void monthly(Dataset<Row> rows, String name) {
        rows.repartition(col("city"), col("month")).write().mode("overwrite")
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy("city", "month")
                .parquet(directory + "/" + name);
    }
}
