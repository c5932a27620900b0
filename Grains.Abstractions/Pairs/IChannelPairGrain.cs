using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Calls;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>One source chat -> destinations forwarding rule, keyed by pair id. The account grain delivers the
/// source's new, edited and deleted messages; the pair filters, transforms, keeps albums and order, mirrors
/// edits and deletions, and keeps a checkpoint so a restart or failover neither loses nor repeats messages.</summary>
[Alias("Cluster.IChannelPairGrain")]
public interface IChannelPairGrain : IGrainWithStringKey
{
    /// <summary>Sets or replaces the configuration; validates filters and patterns (ArgumentException naming the
    /// bad pattern), subscribes to the source through the account and resolves the destinations.</summary>
    [Alias("ConfigureAsync")]
    Task<PairStatus> ConfigureAsync(PairConfiguration configuration);

    /// <summary>Stops republishing; new source messages are skipped (counted) until resumed.</summary>
    [Alias("PauseAsync")]
    Task<PairStatus> PauseAsync();

    /// <summary>Republishes again from the next new source message.</summary>
    [Alias("ResumeAsync")]
    Task<PairStatus> ResumeAsync();

    /// <summary>/assign_channels: moves the pair to another account without touching anything else. It unsubscribes from the
    /// old account, subscribes through the new one and resolves the destinations again, keeping its checkpoint, queue and
    /// message map, so nothing is lost or repeated; no other pair or account restarts. No-op when already on that account.
    /// InvalidOperationException when the pair is not configured; ArgumentException for an empty account id.</summary>
    [Alias("AssignAccountAsync")]
    Task<PairStatus> AssignAccountAsync(string accountId);

    /// <summary>Removes the pair: unsubscribes, leaves the always-on registry and the fleet registry, clears state.</summary>
    [Alias("DeleteAsync")]
    Task DeleteAsync();

    /// <summary>New messages of the source chat (one message or one album), from the account grain. Returns once
    /// they are queued durably; republishing happens after, in source order.</summary>
    [Alias("DeliverNewMessagesAsync")]
    Task DeliverNewMessagesAsync(IReadOnlyList<SourceMessage> messages);

    /// <summary>A source message was edited; mirrored to the copies (copy mode).</summary>
    [Alias("DeliverEditedMessageAsync")]
    Task DeliverEditedMessageAsync(SourceMessage message);

    /// <summary>Source messages were deleted; mirrored to the destinations.</summary>
    [Alias("DeliverDeletedMessagesAsync")]
    Task DeliverDeletedMessagesAsync(long chatId, IReadOnlyList<long> messageIds);

    /// <summary>Republishes the source history between two ids (past mode), after the live queue.</summary>
    [Alias("StartPastModeAsync")]
    Task<PairStatus> StartPastModeAsync(PastModeRequest request);

    /// <summary>Stops a past-mode run.</summary>
    [Alias("StopPastModeAsync")]
    Task<PairStatus> StopPastModeAsync();

    /// <summary>The pair's state, queue and statistics. A read: a client sends it again when it times out, after a short
    /// timeout.</summary>
    [AlwaysInterleave]
    [ReadOnly]
    [ResponseTimeout(StatusReads.Timeout)]
    [Alias("GetStatusAsync")]
    Task<PairStatus> GetStatusAsync();

    [AlwaysInterleave]
    [Alias("GetTimingAsync")]
    Task<PairTiming> GetTimingAsync();

    /// <summary>The timing histograms as bucket counts, for merging into the account's /worker_stats.</summary>
    [AlwaysInterleave]
    [Alias("GetLatencyHistogramsAsync")]
    Task<PairLatencyHistograms> GetLatencyHistogramsAsync();
}
