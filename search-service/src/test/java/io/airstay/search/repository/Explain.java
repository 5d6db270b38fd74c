package io.airstay.search.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

import io.agroal.api.AgroalDataSource;

/** The plan PostgreSQL chooses for a statement with its parameters, as EXPLAIN prints it. */
final class Explain {

    private Explain() {
    }

    static String plan(AgroalDataSource dataSource, String sql, List<?> parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setObject(i + 1, parameters.get(i));
            }
            StringJoiner plan = new StringJoiner("\n");
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            return plan.toString();
        }
    }
}
