-- The always-on registry: the grains the keepers keep active, each at its position on the consistent ring.
--
-- Our own table, not part of Orleans' ADO.NET contract: PostgresAlwaysOnStore (IAlwaysOnStore) adds, removes and
-- reads these rows. Each keeper reads only the rows of its own ring range, by the index on grain_hash, so the
-- registry can hold tens of thousands of grains without a full-table read per tick. grain_hash is the grain id's
-- uniform hash, a uint, stored as bigint so that ring order is plain numeric order.
--
-- Written to be applied again and again.

CREATE TABLE IF NOT EXISTS cluster_always_on
(
    grain_id    text        NOT NULL,
    grain_hash  bigint      NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT cluster_always_on_pk PRIMARY KEY (grain_id),
    CONSTRAINT cluster_always_on_hash_is_uint CHECK (grain_hash BETWEEN 0 AND 4294967295)
);

CREATE INDEX IF NOT EXISTS cluster_always_on_ring
    ON cluster_always_on (grain_hash);
