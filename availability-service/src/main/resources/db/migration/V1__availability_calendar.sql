-- availability-service owns the calendars. Listing facts come from property-events.
CREATE TABLE silver.listings (
    property_id     UUID PRIMARY KEY,
    base_price      NUMERIC(10, 2) NOT NULL,
    minimum_nights  INTEGER        NOT NULL,
    maximum_nights  INTEGER        NOT NULL,
    is_active       BOOLEAN        NOT NULL,
    -- Last night the calendar reaches; the daily job extends it to today + 364.
    horizon_end     DATE           NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- One row per listing and night. A night is available when no booking holds it and the host has not
-- blocked it; is_available is derived so the two can never disagree.
CREATE TABLE silver.availability_calendar (
    property_id     UUID           NOT NULL,
    calendar_date   DATE           NOT NULL,
    price           NUMERIC(10, 2) NOT NULL CHECK (price > 0),
    minimum_nights  INTEGER        NOT NULL CHECK (minimum_nights >= 1),
    booking_id      UUID,
    blocked         BOOLEAN        NOT NULL DEFAULT FALSE,
    -- The host set this night's price; listing price changes leave it alone.
    price_override  BOOLEAN        NOT NULL DEFAULT FALSE,
    is_available    BOOLEAN        GENERATED ALWAYS AS (booking_id IS NULL AND NOT blocked) STORED,
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- The availability indexes the hot queries use; dashboards and the query-plan tests name them. The first one is also the table's key:
-- one row per (property, night).
CREATE UNIQUE INDEX idx_availability_property_date ON silver.availability_calendar (property_id, calendar_date);
ALTER TABLE silver.availability_calendar
    ADD CONSTRAINT idx_availability_property_date PRIMARY KEY USING INDEX idx_availability_property_date;
CREATE INDEX idx_availability_date_available ON silver.availability_calendar (calendar_date, is_available);

-- Releases find a booking's nights without scanning the listing's calendar.
CREATE INDEX idx_availability_booking ON silver.availability_calendar (booking_id) WHERE booking_id IS NOT NULL;
