package io.airstay.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Rows of a query as "a|b|c" strings, every column as PostgreSQL prints it. */
final class GoldRows {

    /** gold.listing_month_stats but run_id, in the order of the cross-check query. */
    static final String LISTING_MONTHS = """
            select property_id, month, city, nights_available, nights_booked, occupancy_rate, revenue, adr, revpar,
                   bookings, cancellations, cancellation_rate, avg_lead_time_days, avg_length_of_stay
            from gold.listing_month_stats order by property_id, month""";

    private GoldRows() {
    }

    static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
