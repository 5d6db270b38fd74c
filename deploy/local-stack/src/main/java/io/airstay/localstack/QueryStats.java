package io.airstay.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.airstay.platform.testing.BindAddress;

/**
 * The benchmark's window on {@code pg_stat_statements} (its "database query time" figures):
 * <pre>QueryStats reset DATABASE         forget the database's statistics
 * QueryStats top DATABASE [N]       its N statements with the most total time, as JSON lines</pre>
 * Connects to the local stack's PostgreSQL as its superuser, with {@link LocalStack}'s settings (AIRSTAY_PG_PORT,
 * AIRSTAY_PG_ADMIN_USER, AIRSTAY_PG_ADMIN_PASSWORD); the benchmark points AIRSTAY_PG_PORT at the replica, whose
 * statistics hold the searches.
 */
public final class QueryStats {

    public static void main(String[] args) throws Exception {
        LocalStack.Settings settings = LocalStack.Settings.fromEnvironment(Path.of("."));
        String url = "jdbc:postgresql://" + BindAddress.connect() + ":" + settings.postgresPort() + "/" + args[1];
        try (Connection connection = DriverManager.getConnection(url, settings.adminUser(), settings.adminPassword());
                Statement sql = connection.createStatement()) {
            if (args[0].equals("reset")) {
                sql.execute("select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)");
                return;
            }
            int limit = args.length > 2 ? Integer.parseInt(args[2]) : 5;
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("""
                    select calls, total_exec_time, mean_exec_time, stddev_exec_time, rows, query
                    from pg_stat_statements
                    where dbid = (select oid from pg_database where datname = current_database()) and calls > 0
                    order by total_exec_time desc limit %d""".formatted(limit))) {
                while (rows.next()) {
                    lines.add(String.format(Locale.ROOT,
                            "{\"calls\":%d,\"total_ms\":%.1f,\"mean_ms\":%.3f,\"stddev_ms\":%.3f,\"rows\":%d,\"query\":\"%s\"}",
                            rows.getLong(1), rows.getDouble(2), rows.getDouble(3), rows.getDouble(4), rows.getLong(5),
                            json(rows.getString(6))));
                }
            }
            lines.forEach(System.out::println);
        }
    }

    private static String json(String query) {
        String oneLine = query.replaceAll("\\s+", " ").trim();
        return (oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine).replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
