package io.airstay.platform.db;

import org.hibernate.exception.ConstraintViolationException;
import org.postgresql.util.PSQLException;

/** Tells which database constraint refused a write, to answer the client precisely. */
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
}
