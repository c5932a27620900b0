-- The runtime's tables. Times come from the database clock (clock_timestamp()).

CREATE TABLE membership (
    silo_id        text        NOT NULL PRIMARY KEY,
    address        text        NOT NULL,
    host_name      text        NOT NULL,
    status         text        NOT NULL,
    started_at     timestamptz NOT NULL,
    last_heartbeat timestamptz NOT NULL,
    load_json      text        NOT NULL DEFAULT '{}'
);
-- A restarted silo marks the earlier lives of its address Dead.
CREATE INDEX membership_address ON membership (address);

CREATE TABLE grain_directory (
    grain_id   text        NOT NULL PRIMARY KEY,
    grain_type text        NOT NULL,
    silo_id    text        NULL,
    address    text        NULL,
    epoch      bigint      NOT NULL,
    updated_at timestamptz NOT NULL
);
-- ListOwned by silo; released rows (no owner) are left out of the index.
CREATE INDEX grain_directory_owner ON grain_directory (silo_id) WHERE silo_id IS NOT NULL;

CREATE TABLE grain_state (
    grain_id   text        NOT NULL,
    state_name text        NOT NULL,
    json       text        NOT NULL,
    etag       text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (grain_id, state_name)
);

CREATE TABLE reminders (
    grain_id  text        NOT NULL,
    name      text        NOT NULL,
    start_at  timestamptz NOT NULL,
    period_ms bigint      NOT NULL,
    PRIMARY KEY (grain_id, name)
);

CREATE TABLE always_on (
    grain_id   text        NOT NULL PRIMARY KEY,
    grain_type text        NOT NULL,
    added_at   timestamptz NOT NULL
);
