-- Every change to a listing advances its version: the host's edits (the entity's optimistic version) and the
-- counter updates of other services' events alike. The cached detail carries the version it was built from, and
-- Redis refuses to replace a newer detail with an older one, whatever order the post-commit writes land in.
ALTER TABLE silver.properties ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
