package io.airstay.contracts.availability;

/**
 * availability-events, produced by availability-service, keyed by property id: the answers to
 * booking.requested ({@link #HELD} or {@link #REJECTED}), released holds, and the calendar's unavailable
 * nights after any change ({@link #UPDATED}).
 */
public final class AvailabilityTopic {

    public static final String NAME = "availability-events";

    /** Payload {@link NightsHeld}. */
    public static final String HELD = "availability.held";
    /** Payload {@link HoldRejected}. */
    public static final String REJECTED = "availability.rejected";
    /** Payload {@link NightsReleased}. */
    public static final String RELEASED = "availability.released";
    /** Payload {@link AvailabilityUpdated}. */
    public static final String UPDATED = "availability.updated";

    private AvailabilityTopic() {
    }
}
