-- Who canceled a booking: its guest or the listing's host (the user id, and in which role).
ALTER TABLE silver.bookings ADD COLUMN canceled_by uuid;
ALTER TABLE silver.bookings ADD COLUMN canceled_by_role TEXT CHECK (canceled_by_role IN ('guest', 'host'));

-- A host lists their listing's bookings newest first, one keyset page at a time.
CREATE INDEX idx_bookings_property_created ON silver.bookings (property_id, created_at DESC, booking_id DESC);
