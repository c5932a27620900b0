-- The runtime's tables. Times are unix milliseconds of the database clock (see SqliteDatabase.NowMs).

CREATE TABLE membership (
    silo_id        TEXT    NOT NULL PRIMARY KEY,
    address        TEXT    NOT NULL,
    host_name      TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    started_at     INTEGER NOT NULL,
    last_heartbeat INTEGER NOT NULL,
    load_json      TEXT    NOT NULL DEFAULT '{}'
);
-- A restarted silo marks the earlier lives of its address Dead.
CREATE INDEX membership_address ON membership (address);

CREATE TABLE grain_directory (
    grain_id   TEXT    NOT NULL PRIMARY KEY,
    grain_type TEXT    NOT NULL,
    silo_id    TEXT    NULL,
    address    TEXT    NULL,
    epoch      INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
-- ListOwned by silo; released rows (no owner) are left out of the index.
CREATE INDEX grain_directory_owner ON grain_directory (silo_id) WHERE silo_id IS NOT NULL;

CREATE TABLE grain_state (
    grain_id   TEXT    NOT NULL,
    state_name TEXT    NOT NULL,
    json       TEXT    NOT NULL,
    etag       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (grain_id, state_name)
);

CREATE TABLE reminders (
    grain_id  TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    start_at  INTEGER NOT NULL,
    period_ms INTEGER NOT NULL,
    PRIMARY KEY (grain_id, name)
) WITHOUT ROWID;

CREATE TABLE always_on (
    grain_id   TEXT    NOT NULL PRIMARY KEY,
    grain_type TEXT    NOT NULL,
    added_at   INTEGER NOT NULL
) WITHOUT ROWID;
