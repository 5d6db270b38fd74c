package io.airstay.platform.problem;

import java.util.List;

/** 400: one input field (query parameter, path parameter or body field) has a bad value. */
public class InvalidFieldException extends ApiException {

    public InvalidFieldException(String field, String message) {
        super(400, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}
