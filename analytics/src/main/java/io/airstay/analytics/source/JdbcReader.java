package io.airstay.analytics.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;

import io.airstay.analytics.AnalyticsException;

/**
 * Reads a query's rows into Spark in parallel: one bounds query on the driver (min and max of the partition column,
 * and the row count) splits the column's range into {@code partitions} slices, each read over its own connection,
 * {@value #FETCH_SIZE} rows per round trip. The bounds query is also where an unreachable database shows, before
 * anything is computed or written.
 */
public record JdbcReader(SparkSession spark, String user, String password, int partitions) implements SourceReader {

    static final int FETCH_SIZE = 10_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    @Override
    public String origin(Source source) {
        return source.database().name() + " database";
    }

    @Override
    public Read read(Source source) {
        Database database = source.database();
        String partitionColumn = source.partitionColumn();
        String table = "(select * from (" + source.select() + ") selected where " + source.condition() + ") source";
        Bounds bounds = bounds(database, table, partitionColumn);
        DataFrameReader reader = spark.read().format("jdbc")
                .option("url", database.url())
                .option("dbtable", table)
                .option("user", user)
                .option("password", password)
                .option("fetchsize", FETCH_SIZE)
                .option("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        int slices = bounds.count() == 0 || bounds.min().equals(bounds.max()) ? 1 : partitions;
        if (slices > 1) {
            reader = reader.option("partitionColumn", partitionColumn)
                    .option("lowerBound", bounds.min())
                    .option("upperBound", bounds.max())
                    .option("numPartitions", slices);
        }
        return new Read(source, reader.load(), bounds.count(), slices);
    }

    private record Bounds(String min, String max, long count) {
    }

    private Bounds bounds(Database database, String table, String column) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        Connection connection;
        try {
            connection = DriverManager.getConnection(database.url(), properties);
        } catch (SQLException e) {
            throw new AnalyticsException("cannot reach the " + database.name() + " database (" + database.url() + ")", e);
        }
        try (connection; Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "select min(" + column + ")::text, max(" + column + ")::text, count(*) from " + table)) {
            result.next();
            return new Bounds(result.getString(1), result.getString(2), result.getLong(3));
        } catch (SQLException e) {
            throw new AnalyticsException("cannot read from the " + database.name() + " database (" + database.url() + ")",
                    e);
        }
    }
}
