package io.airstay.booking.model;

/** A booking's life: PENDING until availability answers, then CONFIRMED or REJECTED; CANCELED or COMPLETED at the end. */
public enum BookingStatus {
    PENDING, CONFIRMED, REJECTED, CANCELED, COMPLETED
}
