-- What guests ask for, counted cheaply by search-service (in memory per replica, added here every few seconds):
-- the analytics job reads these to rank what will be requested next. The search key uses '' / 0 / 'any' for a
-- parameter the search did not set, so that each combination is one row.
CREATE TABLE silver.listing_views_daily (
    property_id UUID   NOT NULL,
    day         DATE   NOT NULL,
    views       BIGINT NOT NULL CHECK (views >= 0),
    PRIMARY KEY (property_id, day)
);

CREATE TABLE silver.search_requests_daily (
    day        DATE     NOT NULL,
    city       TEXT     NOT NULL,
    guests     SMALLINT NOT NULL,
    bedrooms   SMALLINT NOT NULL,
    price_band TEXT     NOT NULL,
    requests   BIGINT   NOT NULL CHECK (requests >= 0),
    PRIMARY KEY (day, city, guests, bedrooms, price_band)
);

-- The analytics job's results (docs/analytics.md defines every column). The job replaces them in one transaction
-- per run (staging tables, then INSERT ... ON CONFLICT), so readers see one run's numbers or the next run's,
-- never a mix; search-service serves them.
CREATE SCHEMA IF NOT EXISTS gold;

CREATE TABLE gold.runs (
    run_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    first_month  DATE        NOT NULL,
    last_month   DATE        NOT NULL,
    rows_read    BIGINT      NOT NULL,
    rows_written BIGINT      NOT NULL
);

-- One row per listing and calendar month (month = its first day) with any calendar, booking or cancellation.
CREATE TABLE gold.listing_month_stats (
    property_id         UUID           NOT NULL,
    month               DATE           NOT NULL CHECK (extract(day FROM month) = 1),
    city                TEXT           NOT NULL,
    nights_available    INTEGER        NOT NULL,
    nights_booked       INTEGER        NOT NULL,
    occupancy_rate      NUMERIC(7, 4)  NOT NULL,
    revenue             NUMERIC(14, 2) NOT NULL,
    adr                 NUMERIC(12, 2) NOT NULL,
    revpar              NUMERIC(12, 2) NOT NULL,
    bookings            INTEGER        NOT NULL,
    cancellations       INTEGER        NOT NULL,
    cancellation_rate   NUMERIC(7, 4)  NOT NULL,
    avg_lead_time_days  NUMERIC(8, 2)  NOT NULL,
    avg_length_of_stay  NUMERIC(8, 2)  NOT NULL,
    run_id              BIGINT         NOT NULL,
    PRIMARY KEY (property_id, month)
);

-- The same per city and month (city as the listings spell it; looked up case-insensitively), plus reviews.
CREATE TABLE gold.city_month_stats (
    city                TEXT           NOT NULL,
    month               DATE           NOT NULL CHECK (extract(day FROM month) = 1),
    listings            INTEGER        NOT NULL,
    nights_available    INTEGER        NOT NULL,
    nights_booked       INTEGER        NOT NULL,
    occupancy_rate      NUMERIC(7, 4)  NOT NULL,
    revenue             NUMERIC(14, 2) NOT NULL,
    adr                 NUMERIC(12, 2) NOT NULL,
    revpar              NUMERIC(12, 2) NOT NULL,
    bookings            INTEGER        NOT NULL,
    cancellations       INTEGER        NOT NULL,
    cancellation_rate   NUMERIC(7, 4)  NOT NULL,
    avg_lead_time_days  NUMERIC(8, 2)  NOT NULL,
    avg_length_of_stay  NUMERIC(8, 2)  NOT NULL,
    reviews             INTEGER        NOT NULL,
    avg_rating          NUMERIC(3, 2)  NOT NULL,
    reviews_positive    INTEGER        NOT NULL,
    reviews_neutral     INTEGER        NOT NULL,
    reviews_negative    INTEGER        NOT NULL,
    run_id              BIGINT         NOT NULL,
    PRIMARY KEY (city, month)
);
CREATE INDEX idx_city_month_stats_lower_city ON gold.city_month_stats (lower(city), month);

-- What is most likely to be requested next, best first: the cache warmer reads these.
CREATE TABLE gold.popular_listings (
    rank        INTEGER          PRIMARY KEY CHECK (rank >= 1),
    property_id UUID             NOT NULL UNIQUE,
    score       DOUBLE PRECISION NOT NULL,
    run_id      BIGINT           NOT NULL
);

CREATE TABLE gold.popular_searches (
    rank       INTEGER          PRIMARY KEY CHECK (rank >= 1),
    city       TEXT             NOT NULL,
    guests     SMALLINT         NOT NULL,
    bedrooms   SMALLINT         NOT NULL,
    price_band TEXT             NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    run_id     BIGINT           NOT NULL,
    UNIQUE (city, guests, bedrooms, price_band)
);
