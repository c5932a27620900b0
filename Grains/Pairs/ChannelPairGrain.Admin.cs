using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Pairs;

/// <summary>The pair grain's admin side: moving the pair to another account (/assign_channels) and its timing histograms
/// for the account's /worker_stats.</summary>
public sealed partial class ChannelPairGrain
{
    public async Task<PairStatus> AssignAccountAsync(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        RequireConfigured();
        if (Config!.AccountId == accountId) return Status();
        // ConfigureAsync keeps the checkpoint, queue and id map when only the account changes (same source): it unsubscribes
        // from the old account and subscribes through the new one; destinations are resolved again by the new account.
        return await ConfigureAsync(Config with { AccountId = accountId });
    }

    public Task<PairLatencyHistograms> GetLatencyHistogramsAsync()
        => Task.FromResult(new PairLatencyHistograms(PairId, Config?.AccountId, S.Statistics.Forwarded, Snapshot(_forward), Snapshot(_processing)));

    private static LatencyHistogramSnapshot Snapshot(LatencyHistogram histogram)
    {
        var state = histogram.ToState();
        return new LatencyHistogramSnapshot(LatencyHistogram.BucketBoundsMs, state.Counts, state.Count, state.SumMs, state.MaxMs);
    }
}
