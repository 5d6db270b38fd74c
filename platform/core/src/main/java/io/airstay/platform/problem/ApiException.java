package io.airstay.platform.problem;

import java.util.List;

/** A client error the API reports as a problem document. */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;

    protected ApiException(int status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
