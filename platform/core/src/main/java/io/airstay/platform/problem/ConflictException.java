package io.airstay.platform.problem;

import java.util.List;

/** 409: the request is valid but conflicts with the current state. */
public class ConflictException extends ApiException {

    public ConflictException(String detail) {
        super(409, detail, List.of());
    }
}
