package io.airstay.booking.model;

/**
 * A booking's life: PENDING until availability answers, then CONFIRMED or REJECTED, or EXPIRED when no answer came
 * before its deadline; CANCELED or COMPLETED at the end.
 */
public enum BookingStatus {
    PENDING, CONFIRMED, REJECTED, CANCELED, COMPLETED, EXPIRED
}
