-- review-service owns the reviews. Stays come from booking-events and decide who may review.
CREATE TABLE silver.stays (
    booking_id      UUID PRIMARY KEY,
    property_id     UUID        NOT NULL,
    guest_id        UUID        NOT NULL,
    check_in_date   DATE,
    check_out_date  DATE,
    booking_status  TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE silver.reviews (
    review_id             UUID PRIMARY KEY,
    property_id           UUID          NOT NULL,
    booking_id            UUID          NOT NULL UNIQUE,  -- one review per stay
    guest_id              UUID          NOT NULL,
    rating                SMALLINT      NOT NULL CHECK (rating BETWEEN 1 AND 5),
    cleanliness_rating    SMALLINT      CHECK (cleanliness_rating BETWEEN 1 AND 5),
    accuracy_rating       SMALLINT      CHECK (accuracy_rating BETWEEN 1 AND 5),
    communication_rating  SMALLINT      CHECK (communication_rating BETWEEN 1 AND 5),
    location_rating       SMALLINT      CHECK (location_rating BETWEEN 1 AND 5),
    value_rating          SMALLINT      CHECK (value_rating BETWEEN 1 AND 5),
    review_text           TEXT          CHECK (char_length(review_text) <= 5000),
    review_language       TEXT          NOT NULL DEFAULT 'en',
    sentiment_score       NUMERIC(5, 4) NOT NULL CHECK (sentiment_score BETWEEN -1 AND 1),
    sentiment_label       TEXT          NOT NULL CHECK (sentiment_label IN ('positive', 'neutral', 'negative')),
    created_at            TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- The review indexes the hot queries use; dashboards and the query-plan tests name them.
CREATE INDEX idx_reviews_property_created ON silver.reviews (property_id, created_at DESC);
CREATE INDEX idx_reviews_sentiment ON silver.reviews (property_id, sentiment_label);
