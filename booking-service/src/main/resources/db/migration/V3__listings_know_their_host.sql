-- The host of each listing, from property-events (filled on the listing's next event for older rows).
ALTER TABLE silver.listings ADD COLUMN host_id uuid;
