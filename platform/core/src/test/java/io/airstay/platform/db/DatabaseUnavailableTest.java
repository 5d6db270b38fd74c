package io.airstay.platform.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseUnavailableTest {

    @Test
    void aLostConnectionOrAServerShuttingDownIsUnavailability() {
        assertTrue(Constraints.databaseUnavailable(new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertTrue(Constraints.databaseUnavailable(new RuntimeException(new SQLException("terminating connection due to"
                + " administrator command", "57P01"))));
        assertTrue(Constraints.databaseUnavailable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(Constraints.databaseUnavailable(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("refused"))));
        assertTrue(Constraints.databaseUnavailable(new SQLTransientConnectionException("acquisition timeout")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(Constraints.databaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(Constraints.databaseUnavailable(new SQLException("canceling statement due to statement timeout", "57014")));
        assertFalse(Constraints.databaseUnavailable(new IllegalStateException("bug")));
    }
}
