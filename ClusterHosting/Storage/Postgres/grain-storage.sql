-- Grain state: one row per grain and state type, the serialized state and its version (the grain's ETag).
--
-- Implements the grain-storage contract of Orleans' ADO.NET persistence provider
-- (Microsoft.Orleans.Persistence.AdoNet, Invariant "Npgsql"): the table, and the statements the provider looks up in
-- OrleansQuery by key. The contract in short:
--   * A grain is identified by @ServiceId, @GrainTypeString, @GrainIdN0/@GrainIdN1 (the numeric or Guid key),
--     @GrainIdExtensionString (the key extension, or the whole key of a string-keyed grain; NULL when there is none)
--     and two hashes Orleans computes (@GrainIdHash, @GrainTypeHash), which are only for fast lookup.
--   * The ETag is the row's integer version. @GrainStateVersion is the version the grain last read or wrote, NULL if
--     it never saw a row. A write or clear succeeds only against that version and answers the new version; any other
--     answer (NULL, nothing, or the version passed in) makes Orleans throw InconsistentStateException.
--   * Reading answers PayloadBinary and Version by name; no row means "no state yet". A cleared state keeps its row
--     (PayloadBinary NULL) and its version keeps counting, unless the provider is set to delete state on clear.
--
-- Written to be applied again and again.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    -- A surrogate key, so the table has a primary key (needed e.g. by logical replication); Orleans never sees it.
    StorageId               bigint      GENERATED ALWAYS AS IDENTITY,
    ServiceId               text        NOT NULL,
    GrainTypeHash           integer     NOT NULL,
    GrainTypeString         text        NOT NULL,
    GrainIdHash             integer     NOT NULL,
    GrainIdN0               bigint      NOT NULL,
    GrainIdN1               bigint      NOT NULL,
    GrainIdExtensionString  text        NULL,
    PayloadBinary           bytea       NULL,
    Version                 integer     NOT NULL,
    ModifiedOn              timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT OrleansStorage_pk PRIMARY KEY (StorageId)
);

-- At most one row per grain and state type. A key extension may be NULL, and NULL must not be confused with '' (a
-- string-keyed grain may have the empty key), hence the pair of expressions instead of the bare column. Lookups use
-- the leading columns of this index.
CREATE UNIQUE INDEX IF NOT EXISTS OrleansStorage_grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
                       (GrainIdExtensionString IS NULL), COALESCE(GrainIdExtensionString, ''));

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Writes the state. With a version: replaces the row holding exactly that version and answers version + 1. Without:
-- adds the first row at version 1, unless the grain already has one (another writer got there first). Answers NULL
-- when nothing was written, which Orleans reports as a conflict.
('WriteToStorageKey', $query$
    WITH updated AS (
        UPDATE OrleansStorage
           SET PayloadBinary = @PayloadBinary,
               Version = Version + 1,
               ModifiedOn = now()
         WHERE @GrainStateVersion IS NOT NULL
           AND GrainIdHash = @GrainIdHash
           AND GrainTypeHash = @GrainTypeHash
           AND GrainIdN0 = @GrainIdN0
           AND GrainIdN1 = @GrainIdN1
           AND ServiceId = @ServiceId
           AND GrainTypeString = @GrainTypeString
           AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
           AND Version = @GrainStateVersion
        RETURNING Version),
    inserted AS (
        INSERT INTO OrleansStorage
            (ServiceId, GrainTypeHash, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1,
             GrainIdExtensionString, PayloadBinary, Version)
        SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
               @GrainIdExtensionString, @PayloadBinary, 1
         WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version)
    SELECT (SELECT Version FROM updated
            UNION ALL
            SELECT Version FROM inserted) AS NewGrainStateVersion;
$query$),

-- Reads the state and its version; no row when the grain has never been written.
('ReadFromStorageKey', $query$
    SELECT PayloadBinary, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$query$),

-- Clears the state but keeps the row, so the version keeps counting. Answers the new version in the first column;
-- nothing when the row does not hold @GrainStateVersion (a conflict).
('ClearStorageKey', $query$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL,
           Version = Version + 1,
           ModifiedOn = now()
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$query$),

-- Clears the state by deleting the row (used when the provider's DeleteStateOnClear is set; optional in the
-- contract). Answers a version different from @GrainStateVersion on success, nothing on a conflict; the grain's ETag
-- is reset afterwards, so its next write adds a fresh row at version 1.
('DeleteStorageKey', $query$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
