package io.airstay.contracts.review;

/** review-events, produced by review-service, keyed by property id. */
public final class ReviewTopic {

    public static final String NAME = "review-events";

    /** Payload {@link ReviewSubmitted}. */
    public static final String SUBMITTED = "review.submitted";

    private ReviewTopic() {
    }
}
