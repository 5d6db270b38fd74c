CREATE TABLE silver.notes (
    id         UUID PRIMARY KEY,
    note_key   UUID NOT NULL,
    text       TEXT NOT NULL
);
-- One row per applied event effect; the idempotent consumer must never add a second.
CREATE TABLE silver.note_effects (
    event_id   UUID NOT NULL,
    note_text  TEXT NOT NULL
);
