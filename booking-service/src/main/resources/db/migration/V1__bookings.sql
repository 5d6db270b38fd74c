-- booking-service owns the bookings. Listing facts come from property-events.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE silver.listings (
    property_id     UUID PRIMARY KEY,
    max_guests      INTEGER        NOT NULL,
    minimum_nights  INTEGER        NOT NULL,
    maximum_nights  INTEGER        NOT NULL,
    base_price      NUMERIC(10, 2) NOT NULL,
    cleaning_fee    NUMERIC(10, 2) NOT NULL,
    is_active       BOOLEAN        NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);

CREATE TABLE silver.bookings (
    booking_id          UUID PRIMARY KEY,
    property_id         UUID           NOT NULL,
    guest_id            UUID           NOT NULL,
    check_in_date       DATE           NOT NULL,
    check_out_date      DATE           NOT NULL,
    nights              INTEGER        GENERATED ALWAYS AS (check_out_date - check_in_date) STORED,
    num_guests          INTEGER        NOT NULL CHECK (num_guests >= 1),
    base_price          NUMERIC(10, 2),
    cleaning_fee        NUMERIC(10, 2),
    service_fee         NUMERIC(10, 2),
    total_price         NUMERIC(10, 2),
    booking_status      TEXT           NOT NULL
                        CHECK (booking_status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELED', 'COMPLETED')),
    booking_channel     TEXT           NOT NULL DEFAULT 'api',
    special_requests    TEXT,
    idempotency_key     TEXT           UNIQUE,
    rejection_reason    TEXT,
    created_at          TIMESTAMPTZ    NOT NULL DEFAULT now(),
    confirmed_at        TIMESTAMPTZ,
    canceled_at         TIMESTAMPTZ,
    cancellation_reason TEXT,
    completed_at        TIMESTAMPTZ,
    CHECK (check_out_date > check_in_date),
    -- The invariant, whatever the code does: two stays of one listing that hold their nights
    -- (confirmed, or completed) never share a night.
    CONSTRAINT bookings_no_overlapping_stays EXCLUDE USING gist (
        property_id WITH =, daterange(check_in_date, check_out_date) WITH &&)
        WHERE (booking_status IN ('CONFIRMED', 'COMPLETED'))
);

-- The booking indexes the hot queries use; dashboards and the query-plan tests name them.
CREATE INDEX idx_bookings_guest_status ON silver.bookings (guest_id, booking_status);
CREATE INDEX idx_bookings_property_dates ON silver.bookings (property_id, check_in_date, check_out_date);
CREATE INDEX idx_bookings_created ON silver.bookings (created_at DESC);
