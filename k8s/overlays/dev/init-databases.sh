#!/bin/sh
# First start only (docker-entrypoint-initdb.d): one database per service, owned by the service's role
# (airstay_search, airstay_booking, ...; docs/architecture.md#services-and-what-they-own), as CloudNativePG's
# initdb does in prod.
set -eu
for service in search booking review availability; do
  password=$(printenv "$(echo "$service" | tr a-z A-Z)_PASSWORD")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$service" -v password="$password" -v database="airstay_$service" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
\connect :"database"
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SQL
done
