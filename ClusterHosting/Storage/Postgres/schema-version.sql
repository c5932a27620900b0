-- The cluster database's own record of which version of the cluster schema is installed.
--
-- Not part of Orleans' ADO.NET contract: PostgresClusterSchema reads the highest version here (under its advisory
-- lock) before it runs the scripts, and adds a row once they have run, so a later version of the product can tell
-- what it has to migrate from. One row per version ever applied; the installed version is the highest one.
--
-- Written to be applied again and again: every statement is a no-op when its object already exists.

CREATE TABLE IF NOT EXISTS cluster_schema_version
(
    version     integer     NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    -- Who applied it (PostgreSQL's application_name and the role), for operators reading the history.
    applied_by  text        NOT NULL DEFAULT (current_setting('application_name') || ' as ' || current_user),

    CONSTRAINT cluster_schema_version_pk PRIMARY KEY (version),
    CONSTRAINT cluster_schema_version_positive CHECK (version > 0)
);
