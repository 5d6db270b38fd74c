package io.airstay.platform.problem;

import java.util.List;

/** 403: the caller is known but may not act on this resource. */
public class AccessDeniedException extends ApiException {

    public AccessDeniedException(String detail) {
        super(403, detail, List.of());
    }
}
