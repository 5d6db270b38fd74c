package io.airstay.analytics.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import io.airstay.analytics.AnalyticsException;
import io.airstay.analytics.config.JobArguments;
import io.airstay.analytics.source.Database;

/**
 * Writes a run into the search database's gold schema in one transaction: the gold.runs row, then per table the
 * results streamed from Spark into a temporary staging table (COPY), the rows of the run's scope the run no longer
 * has deleted, the others upserted (INSERT ... ON CONFLICT). Readers see the previous run's rows or this run's,
 * never a mix; rows of months outside the run's range stay.
 */
public record GoldWriter(Database database, String user, String password) {

    /** A run's results, each with the columns of its gold table but run_id. */
    public record Results(Dataset<Row> listingMonths, Dataset<Row> cityMonths, Dataset<Row> popularListings,
            Dataset<Row> popularSearches) {

        Map<GoldTable, Dataset<Row>> byTable() {
            Map<GoldTable, Dataset<Row>> tables = new LinkedHashMap<>();
            tables.put(GoldTable.LISTING_MONTHS, listingMonths);
            tables.put(GoldTable.CITY_MONTHS, cityMonths);
            tables.put(GoldTable.POPULAR_LISTINGS, popularListings);
            tables.put(GoldTable.POPULAR_SEARCHES, popularSearches);
            return tables;
        }
    }

    /** The run's id and the number of gold rows it wrote. */
    public record Written(long runId, long rows) {
    }

    public Written write(Results results, JobArguments arguments, Instant startedAt, long rowsRead) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(database.url(), user, password);
        } catch (SQLException e) {
            throw new AnalyticsException("cannot reach the " + database.name() + " database (" + database.url() + ")", e);
        }
        try (connection) {
            connection.setAutoCommit(false);
            long runId = insertRun(connection, arguments, startedAt, rowsRead);
            long rows = 0;
            for (Map.Entry<GoldTable, Dataset<Row>> table : results.byTable().entrySet()) {
                rows += write(connection, table.getKey(), table.getValue(), runId, arguments);
            }
            try (PreparedStatement finish = connection.prepareStatement(
                    "update gold.runs set rows_written = ?, finished_at = clock_timestamp() where run_id = ?")) {
                finish.setLong(1, rows);
                finish.setLong(2, runId);
                finish.executeUpdate();
            }
            connection.commit();
            return new Written(runId, rows);
        } catch (SQLException | IOException e) {
            throw new AnalyticsException("cannot write the gold tables to the " + database.name() + " database ("
                    + database.url() + "); nothing was written", e);
        }
    }

    private static long insertRun(Connection connection, JobArguments arguments, Instant startedAt, long rowsRead)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into gold.runs (started_at, finished_at, first_month, last_month, rows_read, rows_written)
                values (?, clock_timestamp(), ?, ?, ?, 0) returning run_id""")) {
            insert.setTimestamp(1, Timestamp.from(startedAt));
            insert.setDate(2, Date.valueOf(arguments.start()));
            insert.setDate(3, Date.valueOf(arguments.lastMonth().atDay(1)));
            insert.setLong(4, rowsRead);
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private static long write(Connection connection, GoldTable table, Dataset<Row> rows, long runId,
            JobArguments arguments) throws SQLException, IOException {
        List<String> columns = List.of(rows.columns());
        try (Statement statement = connection.createStatement()) {
            statement.execute(table.createStage(columns));
        }
        long copied = copy(connection, table.copy(columns), rows.toLocalIterator());
        try (PreparedStatement delete = connection.prepareStatement(table.deleteStale())) {
            if (table.scopeParameters() > 0) {
                delete.setDate(1, Date.valueOf(arguments.start()));
                delete.setDate(2, Date.valueOf(arguments.end()));
            }
            delete.executeUpdate();
        }
        try (PreparedStatement upsert = connection.prepareStatement(table.upsert(columns))) {
            upsert.setLong(1, runId);
            upsert.executeUpdate();
        }
        return copied;
    }

    /** Streams {@code rows} as CSV into {@code copy}; returns how many. */
    private static long copy(Connection connection, String copy, Iterator<Row> rows) throws SQLException, IOException {
        long count = 0;
        try (OutputStream stream = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copy, 1 << 16);
                Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int i = 0; i < row.length(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(csv(row.get(i)));
                }
                out.write('\n');
                count++;
            }
        }
        return count;
    }

    private static String csv(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
