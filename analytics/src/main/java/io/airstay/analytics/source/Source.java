package io.airstay.analytics.source;

/**
 * A source of the job.
 *
 * @param name            its name in messages, and its directory in a snapshot
 * @param database        the database of the service that owns it
 * @param select          a query of the columns the job uses, under the names the job uses
 * @param partitionColumn the column (a number or a date) parallel reads split on
 * @param condition       the rows a run needs, on those columns, in SQL that PostgreSQL and Spark both read
 */
public record Source(String name, Database database, String select, String partitionColumn, String condition) {
}
