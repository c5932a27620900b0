-- Cluster membership: which silos belong to a cluster (Orleans' ClusterId, called DeploymentId here), their status,
-- suspicions and heartbeats.
--
-- Implements the membership contract of Orleans' ADO.NET clustering provider (Microsoft.Orleans.Clustering.AdoNet,
-- Invariant "Npgsql"): the tables it is read from, and the statements the provider looks up in OrleansQuery by key.
-- The contract in short:
--   * Every cluster has one version row. Orleans reads the rows of all silos together with that version (in one
--     statement, so they agree), and every change of a silo's row names the version it read: the change happens only
--     if the version is still that one, and it increments the version. Two silos changing the table at once cannot
--     both win. The heartbeat (IAmAliveTime) is the exception: it changes no version.
--   * Statements that report success return one row with one column: true (or a number > 0) for success.
--   * Result columns are read by name (case-insensitively); the version column is "Version".
--   * Status 3 is Active, 6 is Dead (Orleans' SiloStatus). SuspectTimes is Orleans' own text
--     ("silo,date|silo,date"), stored as it comes.
--
-- Written to be applied again and again.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId   text        NOT NULL,
    Version        integer     NOT NULL DEFAULT 0,
    -- When the version last changed; for operators, Orleans does not read it.
    LastChangedAt  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT OrleansMembershipVersionTable_pk PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId  text        NOT NULL,
    Address       text        NOT NULL,
    Port          integer     NOT NULL,
    Generation    integer     NOT NULL,
    SiloName      text        NOT NULL,
    HostName      text        NOT NULL,
    Status        integer     NOT NULL,
    -- 0 when the silo runs no gateway: Orleans reads this column as a plain integer.
    ProxyPort     integer     NOT NULL DEFAULT 0,
    SuspectTimes  text        NULL,
    StartTime     timestamptz NOT NULL,
    IAmAliveTime  timestamptz NOT NULL,

    CONSTRAINT OrleansMembershipTable_pk PRIMARY KEY (DeploymentId, Address, Port, Generation),
    -- Deleting a cluster's version row deletes its silos with it.
    CONSTRAINT OrleansMembershipTable_version_fk FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE
);

-- Adds a silo's row when the cluster's version is still p_expected_version and the silo has no row yet; then
-- increments the version. Lock order (version row first, then silo rows) is the same in every statement here that
-- takes both, so concurrent writers queue up instead of deadlocking.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id     text,
    p_address           text,
    p_port              integer,
    p_generation        integer,
    p_silo_name         text,
    p_host_name         text,
    p_status            integer,
    p_proxy_port        integer,
    p_start_time        timestamptz,
    p_i_am_alive_time   timestamptz,
    p_expected_version  integer)
RETURNS boolean
LANGUAGE plpgsql
AS $function$
BEGIN
    -- Take the cluster's version row, and only while it still has the version the caller read. A concurrent writer
    -- that got there first makes this find nothing once its change commits.
    PERFORM 1
      FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id
       AND Version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
         COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    IF NOT FOUND THEN
        -- The silo already has a row: nothing was changed, so the version stays.
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           LastChangedAt = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN true;
END
$function$;

-- Changes a silo's status, suspicions and heartbeat when the cluster's version is still p_expected_version and the
-- silo has a row; then increments the version.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id     text,
    p_address           text,
    p_port              integer,
    p_generation        integer,
    p_status            integer,
    p_suspect_times     text,
    p_i_am_alive_time   timestamptz,
    p_expected_version  integer)
RETURNS boolean
LANGUAGE plpgsql
AS $function$
BEGIN
    PERFORM 1
      FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id
       AND Version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = p_i_am_alive_time
     WHERE DeploymentId = p_deployment_id
       AND Address = p_address
       AND Port = p_port
       AND Generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           LastChangedAt = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN true;
END
$function$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Creates the cluster's version row (version 0) unless it exists. Returns whether it was created.
('InsertMembershipVersionKey', $query$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM created);
$query$),

-- A silo joins: its row is added under the version check (see orleans_membership_insert). Orleans passes the version
-- it read as @Version.
('InsertMembershipKey', $query$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime, @Version);
$query$),

-- A silo's status or suspicions change, under the version check (see orleans_membership_update).
('UpdateMembershipKey', $query$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
$query$),

-- The heartbeat: no version check and no version change. Orleans does not read a result.
('UpdateIAmAlivetimeKey', $query$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = @IAmAliveTime
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation;
$query$),

-- One silo's row with the cluster's version. The version row is always returned (the silo columns are NULL when the
-- silo has no row); Orleans takes a NULL StartTime for "no such silo".
('MembershipReadRowKey', $query$
    SELECT v.DeploymentId,
           m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime,
           v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address
       AND m.Port = @Port
       AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;
$query$),

-- Every silo's row with the cluster's version, read in one statement so rows and version agree.
('MembershipReadAllKey', $query$
    SELECT v.DeploymentId,
           m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime,
           v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
$query$),

-- The gateways clients may connect to: silos with status @Status (Orleans passes Active) that listen for clients.
('GatewaysQueryKey', $query$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = @Status
       AND ProxyPort > 0;
$query$),

-- Forgets a cluster: its version row, and through the foreign key every silo row.
('DeleteMembershipTableEntriesKey', $query$
    DELETE FROM OrleansMembershipVersionTable
     WHERE DeploymentId = @DeploymentId;
$query$),

-- Bulk cleanup of silos that died long ago: dead (6) silos that started and last sent a heartbeat before
-- @IAmAliveTime. Orleans 10 requires this key but prefers CleanupDefunctSiloEntryKey below when it exists; only dead
-- rows are deleted here too, so a live silo that is merely slow to heartbeat never loses its row.
('CleanupDefunctSiloEntriesKey', $query$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = 6
       AND StartTime < @IAmAliveTime
       AND IAmAliveTime < @IAmAliveTime;
$query$),

-- Orleans 10's per-silo cleanup (optional in the contract, installed here): Orleans has read the table, picked the
-- dead silos that are old enough, and asks to delete each one only if its row is still exactly as it read it
-- (status, start time, heartbeat, suspicions). A row that changed meanwhile stays. Orleans may pass an empty text or
-- NULL for "no suspicions"; both match a row without suspicions.
('CleanupDefunctSiloEntryKey', $query$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation
       AND Status = 6
       AND StartTime = @StartTime
       AND IAmAliveTime = @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
