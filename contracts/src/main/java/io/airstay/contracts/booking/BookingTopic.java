package io.airstay.contracts.booking;

/**
 * booking-events, produced by booking-service, keyed by property id. Every type carries {@link BookingFacts}.
 * {@link #REQUESTED} starts the saga; the others announce a booking's new status.
 */
public final class BookingTopic {

    public static final String NAME = "booking-events";

    public static final String REQUESTED = "booking.requested";
    public static final String CONFIRMED = "booking.confirmed";
    public static final String REJECTED = "booking.rejected";
    public static final String CANCELED = "booking.canceled";
    public static final String COMPLETED = "booking.completed";
    /** A pending booking passed its deadline without an answer from availability: whatever it holds is released. */
    public static final String EXPIRED = "booking.expired";

    private BookingTopic() {
    }
}
