-- A pending booking claims its nights here, in booking-service's own table, from the moment it is stored: a request
-- that overlaps a pending, confirmed or completed stay of the listing is refused at once (409), without a saga,
-- and the constraint stays the final word however many requests race. A pending booking that availability rejects,
-- or that passes its deadline (EXPIRED), or is canceled, leaves the constraint and frees its nights.
ALTER TABLE silver.bookings DROP CONSTRAINT bookings_booking_status_check;
ALTER TABLE silver.bookings ADD CONSTRAINT bookings_booking_status_check
    CHECK (booking_status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELED', 'COMPLETED', 'EXPIRED'));
ALTER TABLE silver.bookings ADD COLUMN expired_at TIMESTAMPTZ;

ALTER TABLE silver.bookings DROP CONSTRAINT bookings_no_overlapping_stays;
ALTER TABLE silver.bookings ADD CONSTRAINT bookings_no_overlapping_stays EXCLUDE USING gist (
    property_id WITH =, daterange(check_in_date, check_out_date) WITH &&)
    WHERE (booking_status IN ('PENDING', 'CONFIRMED', 'COMPLETED'));

-- The expiry job and the overdue gauge read the pending bookings oldest first.
CREATE INDEX idx_bookings_pending_created ON silver.bookings (created_at) WHERE booking_status = 'PENDING';
