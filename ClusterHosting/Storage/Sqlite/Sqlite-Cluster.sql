-- The cluster database on SQLite, the one-silo embedded default (Data Source=cluster.db): the tables and queries that
-- Orleans' ADO.NET grain storage looks up, our reminder table, the always-on registry and the session leases.
--
-- SqliteClusterSchema runs this whole file in one transaction every time a silo starts, so every statement must be
-- harmless when repeated: tables and indexes are created only when missing, and each query row is replaced, so the
-- query text of the build that starts is the one in force.
--
-- Our own tables have names of their own (cluster_*), apart from the tables of the runtime that Orleans replaces
-- (membership, grain_state, reminders, always_on), so an old cluster.db does not get in the way.


-- ===================================================================================================================
-- Orleans' ADO.NET providers read the SQL they run from this table when they start (by QueryKey), so that each
-- database gets SQL in its own dialect. Nothing else reads it.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);


-- ===================================================================================================================
-- Grain state (Microsoft.Orleans.Persistence.AdoNet, invariant System.Data.SQLite).
--
-- How the provider talks to these queries:
--   parameters  @GrainIdHash, @GrainTypeHash     32-bit hashes the provider computes from the grain id and grain type;
--               @GrainIdN0, @GrainIdN1           the grain key as two 64-bit numbers (a Guid, or an integer in N1);
--               @GrainIdExtensionString          the key's string part (string keys, key extensions), or NULL;
--               @GrainTypeString, @ServiceId     the grain type name and ClusterOptions.ServiceId;
--               @GrainStateVersion               the ETag the grain holds, NULL when it has never seen a row;
--               @PayloadBinary                   the serialized state (writes only).
--   results     a read returns the columns PayloadBinary and Version (no row: no state yet);
--               a write, clear or delete returns one row with NewGrainStateVersion when it took effect, and no row
--               when the ETag did not match, which the provider turns into an InconsistentStateException.
--
-- Version is the ETag: 1 on the first write, one more on every later write or clear. The index is on the two narrow
-- hashes only; every query also compares the clear values, so two grains whose hashes collide never share a row.
-- PayloadBinary holds what the storage serializer wrote; with JsonGrainStateSerializer that is UTF-8 JSON, which
-- SELECT CAST(PayloadBinary AS TEXT) FROM OrleansStorage shows as text. A clear keeps the row with a NULL payload.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL, -- UTC, ISO 8601; for people reading the table, nothing reads it back
    Version                INTEGER NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- A write is two statements, of which at most one changes a row: the UPDATE when the grain holds the row's current
-- version, the INSERT when the grain holds no version and no row exists yet. Each statement is atomic on its own (SQLite
-- runs one writer at a time, and a writing statement always sees the newest data), so of two activations racing to
-- create the same state only one inserts. `IS` compares the nullable extension so that NULL matches NULL.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
        Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
    RETURNING Version AS NewGrainStateVersion;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId,
           @PayloadBinary, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
    WHERE @GrainStateVersion IS NULL
      AND NOT EXISTS (
          SELECT 1 FROM OrleansStorage
          WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
            AND GrainTypeString = @GrainTypeString
            AND GrainIdExtensionString IS @GrainIdExtensionString
            AND ServiceId = @ServiceId)
    RETURNING Version AS NewGrainStateVersion;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
    LIMIT 1;
');

-- Clearing keeps the row (payload NULL, version one more), so the grain's next write still goes through the ETag check.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
        Version = Version + 1
    WHERE Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
    RETURNING Version AS NewGrainStateVersion;
');

-- Used instead of the clear when AdoNetGrainStorageOptions.DeleteStateOnClear is set. The provider expects the deleted
-- row's version plus one back (it only checks that the answer differs from the ETag it sent).
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
    RETURNING Version + 1 AS NewGrainStateVersion;
');


-- ===================================================================================================================
-- Reminders (SqliteReminderTable, our IReminderTable). One row per (service, grain, reminder name). grain_hash is the
-- grain id's uniform hash (GrainId.GetUniformHashCode(), 0 .. 2^32-1), the grain's place on the ring that the silos'
-- reminder services divide between them; each silo reads its part through the (service_id, grain_hash) index.
-- The ETag is a fresh random value on every upsert, so an ETag from before a delete never matches a row added later.
CREATE TABLE IF NOT EXISTS cluster_reminders
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL, -- GrainId.ToString()
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      TEXT    NOT NULL, -- UTC, ISO 8601 with 100 ns digits, e.g. 2026-01-31T12:00:00.0000000Z
    period_ticks  INTEGER NOT NULL, -- TimeSpan ticks (100 ns)
    etag          TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS cluster_reminders_ring ON cluster_reminders (service_id, grain_hash);


-- ===================================================================================================================
-- The always-on registry (SqliteAlwaysOnStore): the grains the keepers keep active. ring_hash places a grain on the
-- ring the keepers partition; each keeper reads its own range through the index (which carries grain_id with it, so a
-- range read never visits the table).
CREATE TABLE IF NOT EXISTS cluster_always_on
(
    grain_id  TEXT    NOT NULL PRIMARY KEY, -- GrainId.ToString()
    ring_hash INTEGER NOT NULL              -- 0 .. 2^32-1
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS cluster_always_on_ring ON cluster_always_on (ring_hash);


-- ===================================================================================================================
-- Session leases (SqliteSessionLeaseStore): who may use a Telegram session, and until when. expires_at_ms is unix
-- milliseconds by SQLite's clock, unixepoch('subsec'), which every statement evaluates itself; a row whose time has
-- passed is a lease nobody holds. A release deletes the row.
CREATE TABLE IF NOT EXISTS cluster_session_leases
(
    session_key   TEXT    NOT NULL PRIMARY KEY,
    holder        TEXT    NOT NULL,
    expires_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
