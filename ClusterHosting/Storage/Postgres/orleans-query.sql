-- The statement catalogue of Orleans' ADO.NET providers (Invariant "Npgsql").
--
-- Implements the shared part of the contract of Orleans' ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet,
-- .Persistence.AdoNet and .Reminders.AdoNet): on start-up each provider runs exactly
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards executes only the statements it found there, looked up by key, binding its own named parameters
-- (@DeploymentId, @GrainIdHash, ...) and reading result columns by name. A provider that misses a key it requires
-- fails when it starts, so every key is installed by the scripts of its concern (membership.sql, grain-storage.sql,
-- reminders.sql) with INSERT ... ON CONFLICT (QueryKey) DO UPDATE, which also replaces an older text.
--
-- Written to be applied again and again.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey   text NOT NULL,
    QueryText  text NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
