package io.airstay.booking.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Optional body of POST /api/v1/bookings/{id}/cancel: the reason is trimmed, and a blank one counts as none. */
@RegisterForReflection
public record CancelRequest(@Schema(nullable = true, maxLength = CancelRequest.MAX_REASON_LENGTH) String reason) {

    public static final int MAX_REASON_LENGTH = 500;
    public static final String EXAMPLE = "{\"reason\": \"Plans changed\"}";
}
