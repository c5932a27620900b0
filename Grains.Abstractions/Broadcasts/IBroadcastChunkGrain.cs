namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>Up to a chunk's worth of a broadcast's recipients (about 1,000) and their states, keyed "broadcast id/chunk number", so a
/// large broadcast never lives in one state blob. Passive: the broadcast grain tells it what to record.</summary>
[Alias("Cluster.IBroadcastChunkGrain")]
public interface IBroadcastChunkGrain : IGrainWithStringKey
{
    /// <summary>Stores the recipients (pending) and the already-blocked subscribers (skipped); idempotent for the same list.</summary>
    [Alias("InitializeAsync")]
    Task InitializeAsync(IReadOnlyList<long> recipients, IReadOnlyList<long> skipped);

    /// <summary>Records the outcomes of the last wave and marks up to <paramref name="take"/> pending recipients as Sending, in
    /// one write; returns those (their intent is durable before any of them is sent). <paramref name="floor"/>, the highest
    /// message id of the bot known so far, is kept with each intent: a message the send makes has a higher id. An outcome of
    /// Sending leaves the recipient in doubt (the send got no answer).</summary>
    [Alias("AdvanceAsync")]
    Task<IReadOnlyList<long>> AdvanceAsync(IReadOnlyList<RecipientRecord> outcomes, int take, long floor);

    /// <summary>The recipients left in Sending (sends in doubt) with the floor of their intent, and the highest message id of
    /// the chunk's sent recipients.</summary>
    [AlwaysInterleave]
    [Alias("GetInDoubtAsync")]
    Task<ChunkInDoubt> GetInDoubtAsync();

    /// <summary>Settles sends in doubt that were looked for: Sent (found, with its message id), Pending (not there: sent again),
    /// Blocked. Recipients no longer in Sending are left as they are.</summary>
    [Alias("SettleInDoubtAsync")]
    Task SettleInDoubtAsync(IReadOnlyList<RecipientRecord> outcomes);

    /// <summary>Sends in doubt that could not be looked for: every recipient left in Sending becomes Unconfirmed (policy Skip) or
    /// Pending again (Resend); returns how many were in doubt.</summary>
    [Alias("ResolveInDoubtAsync")]
    Task<int> ResolveInDoubtAsync(bool resend);

    /// <summary>Counts per state.</summary>
    [AlwaysInterleave]
    [Alias("GetCountsAsync")]
    Task<IReadOnlyDictionary<RecipientState, int>> GetCountsAsync();

    [AlwaysInterleave]
    [Alias("GetRecordsAsync")]
    Task<IReadOnlyList<RecipientRecord>> GetRecordsAsync();
}
