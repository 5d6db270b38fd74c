package io.airstay.platform.problem;

import java.util.List;

/** 404: the addressed resource does not exist (or is not visible, e.g. a deactivated listing). */
public class ResourceNotFoundException extends ApiException {

    public ResourceNotFoundException(String detail) {
        super(404, detail, List.of());
    }
}
