-- Platform tables every service database carries (shipped by airstay-platform, location db/platform).
CREATE SCHEMA IF NOT EXISTS silver;

-- Transactional outbox: written in the same transaction as the state change it announces,
-- relayed to Kafka afterwards in id order.
CREATE TABLE silver.outbox_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    event_key    TEXT,
    event_type   TEXT        NOT NULL,
    envelope     TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX idx_outbox_events_unpublished ON silver.outbox_events (id) WHERE published_at IS NULL;
CREATE INDEX idx_outbox_events_published_at ON silver.outbox_events (published_at) WHERE published_at IS NOT NULL;

-- Wakes the relay (on whichever replica holds the relay lock) when a transaction with events commits.
-- One notification per statement; PostgreSQL folds duplicates within a transaction.
CREATE FUNCTION silver.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('airstay_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON silver.outbox_events
    FOR EACH STATEMENT EXECUTE FUNCTION silver.notify_outbox();

-- Idempotent consumers: one row per (consumer, event) processed, written with the effect.
CREATE TABLE silver.processed_events (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX idx_processed_events_processed_at ON silver.processed_events (processed_at);
