-- Session leases: which silo may drive a Telegram session (an account's MTProto session, a bot token's poller), and
-- until when.
--
-- Our own table, not part of Orleans' ADO.NET contract: PostgresSessionLeaseStore (ISessionLeaseStore) takes, renews
-- and releases these rows. Every time here comes from the database's clock, never a silo's, so silos whose clocks
-- disagree still agree on who holds a lease. A lease whose expires_at has passed is free; rows are not deleted when
-- they expire, the next taker overwrites them.
--
-- Written to be applied again and again.

CREATE TABLE IF NOT EXISTS cluster_session_lease
(
    session_key  text        NOT NULL,
    holder       text        NOT NULL,
    -- When the current holder took the lease (kept across its renewals), when it last renewed it, and until when it
    -- holds it.
    acquired_at  timestamptz NOT NULL,
    renewed_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,

    CONSTRAINT cluster_session_lease_pk PRIMARY KEY (session_key)
);
