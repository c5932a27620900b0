-- Reminders: the durable timers grains register, one row per grain and reminder name.
--
-- Implements the reminder-table contract of Orleans' ADO.NET reminders provider (Microsoft.Orleans.Reminders.AdoNet,
-- Invariant "Npgsql"): the table, and the statements the provider looks up in OrleansQuery by key. The contract in
-- short:
--   * Rows are scoped by @ServiceId and keyed by @GrainId (the grain id's text) and @ReminderName.
--   * @GrainHash is the grain id's uniform hash (a uint on Orleans' ring) passed as a signed integer; each silo reads
--     the reminders of its ring range (@BeginHash, @EndHash]. Orleans compares the two bounds as signed integers and
--     picks ReadRangeRows1Key when begin < end (a plain range) and ReadRangeRows2Key otherwise (the range wraps
--     around; begin = end is the whole ring). Casting to signed turns the ring, so these rules are the ring's rules.
--   * The ETag is the row's integer Version: 0 when added, + 1 at every change. Deleting names the version it read.
--   * Rows are read as GrainId, ReminderName, StartTime, Period (milliseconds), Version.
--
-- Written to be applied again and again.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId     text        NOT NULL,
    GrainId       text        NOT NULL,
    ReminderName  text        NOT NULL,
    StartTime     timestamptz NOT NULL,
    Period        bigint      NOT NULL,
    GrainHash     integer     NOT NULL,
    Version       integer     NOT NULL,

    CONSTRAINT OrleansRemindersTable_pk PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- The range reads.
CREATE INDEX IF NOT EXISTS OrleansRemindersTable_ring
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Adds the reminder at version 0 or replaces its schedule and increments its version. Answers the new Version.
('UpsertReminderRowKey', $query$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
       SET StartTime = excluded.StartTime,
           Period = excluded.Period,
           GrainHash = excluded.GrainHash,
           Version = r.Version + 1
    RETURNING r.Version AS Version;
$query$),

-- All reminders of one grain.
('ReadReminderRowsKey', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId;
$query$),

-- One reminder of one grain; no row when it does not exist.
('ReadReminderRowKey', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId
       AND ReminderName = @ReminderName;
$query$),

-- The reminders of a plain ring range (@BeginHash, @EndHash], begin < end.
('ReadRangeRows1Key', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainHash > @BeginHash
       AND GrainHash <= @EndHash;
$query$),

-- The reminders of a wrapping ring range: above @BeginHash or up to @EndHash (everything when they are equal).
('ReadRangeRows2Key', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$query$),

-- Deletes one reminder if it still has the version the caller read. Answers whether it was deleted.
('DeleteReminderRowKey', $query$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
         WHERE ServiceId = @ServiceId
           AND GrainId = @GrainId
           AND ReminderName = @ReminderName
           AND Version = @Version
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM deleted);
$query$),

-- Deletes every reminder of the service.
('DeleteReminderRowsKey', $query$
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
