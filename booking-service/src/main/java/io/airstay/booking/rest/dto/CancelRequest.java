package io.airstay.booking.rest.dto;

/** Optional body of POST /api/v1/bookings/{id}/cancel. */
public record CancelRequest(String reason) {

    public static final int MAX_REASON_LENGTH = 500;
}
