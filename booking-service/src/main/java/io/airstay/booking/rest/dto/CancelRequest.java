package io.airstay.booking.rest.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Optional body of POST /api/v1/bookings/{id}/cancel. */
@RegisterForReflection
public record CancelRequest(String reason) {

    public static final int MAX_REASON_LENGTH = 500;
}
