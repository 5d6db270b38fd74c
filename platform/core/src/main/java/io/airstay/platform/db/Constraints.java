package io.airstay.platform.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.postgresql.util.PSQLException;

/** Tells which database constraint refused a write, and whether the database could be reached, to answer precisely. */
public final class Constraints {

    private Constraints() {
    }

    /**
     * Whether {@code failure} (or any cause) is a violation of the named constraint. PostgreSQL names the
     * constraint itself, which also covers the violations Hibernate does not classify (exclusion constraints).
     */
    public static boolean violated(Throwable failure, String constraintName) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && constraintName.equals(violation.getConstraintName())) {
                return true;
            }
            if (t instanceof PSQLException postgres && postgres.getServerErrorMessage() != null
                    && constraintName.equals(postgres.getServerErrorMessage().getConstraint())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} (or any cause) says the database cannot be reached now: no connection (SQLSTATE class
     * 08), the server shutting down or starting up (57P01-57P03), or no pooled connection in time. Retrying later helps.
     */
    public static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
