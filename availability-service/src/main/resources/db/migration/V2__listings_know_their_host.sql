-- The host of each listing, from property-events: only they may change its calendar. Rows copied before this
-- version have none until the listing's next event; their calendars can then be changed by nobody.
ALTER TABLE silver.listings ADD COLUMN host_id uuid;
