package io.airstay.platform.db;

import org.hibernate.exception.ConstraintViolationException;

/** Tells which database constraint refused a write, to answer the client precisely. */
public final class Constraints {

    private Constraints() {
    }

    /** Whether {@code failure} (or any cause) is a violation of the named constraint. */
    public static boolean violated(Throwable failure, String constraintName) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && constraintName.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
