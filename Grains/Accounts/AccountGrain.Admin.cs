using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Grains.Admin;

namespace Cluster.Grains.Accounts;

/// <summary>The account grain's admin side: /worker_stats statistics and removal of an account.</summary>
public sealed partial class AccountGrain
{
    /// <summary>Set once the account was deleted: this activation writes and publishes nothing more (its deactivation would
    /// otherwise write an empty state back) until it is configured again.</summary>
    private bool _deleted;

    private HourlyActivity _activity = null!;

    public async Task<AccountStatistics> GetStatisticsAsync()
    {
        var pairIds = await PairIdsAsync();
        var histograms = new List<PairLatencyHistograms>();
        foreach (var pairId in pairIds)
        {
            try
            {
                var h = await GrainFactory.GetGrain<IChannelPairGrain>(pairId).GetLatencyHistogramsAsync();
                // The registry may lag behind an /assign_channels: count only pairs that are on this account now.
                if (h.AccountId == AccountId) histograms.Add(h);
            }
            catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
            {
                AccountGrainLog.Failed(logger, AccountId, $"pair {pairId} did not answer for the statistics: {e.Message}");
            }
        }
        var c = S.Counters;
        var hours = _activity.Last24Hours();
        return new AccountStatistics(
            AccountId, S.Phase.State,
            histograms.Sum(h => h.Forwarded), c.Sent, c.Failed,
            c.Sent + c.Failed == 0 ? null : (double)c.Sent / (c.Sent + c.Failed),
            LatencyHistogramMerger.Merge(histograms.Select(h => h.Forward)),
            LatencyHistogramMerger.Merge(histograms.Select(h => h.Processing)),
            S.LastError, S.LastErrorAt,
            hours.Sum(h => h.Errors), hours.Sum(h => h.FloodWaits), hours.Sum(h => h.Sent),
            hours, histograms.Select(h => h.PairId).ToList(), clock.GetUtcNow());
    }

    public async Task DeleteAsync()
    {
        var pairIds = await PairIdsAsync();
        if (pairIds.Count > 0)
            throw new InvalidOperationException($"Account {AccountId} is used by pair(s) {string.Join(", ", pairIds)}; assign them to another account or delete them first.");
        _deleted = true;
        _cooldownTimer?.Dispose();
        _cooldownTimer = null;
        await DisconnectAsync(saveSession: false);
        await alwaysOn.RemoveAsync(this.GetGrainId());
        try
        {
            await GrainFactory.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key).RemoveAccountAsync(AccountId);
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            AccountGrainLog.RegistryUnavailable(logger, AccountId, e);
        }
        await session.ClearStateAsync();
        await state.ClearStateAsync();
        state.State = new AccountGrainState();
        _apiHash = "";
        _dirty = false;
        _lastPublished = null;
        _limits = new SendLimitCounter(clock, SendCounterState.Empty);
        _activity = new HourlyActivity(clock);
        RebuildRoutes();
        DeactivateOnIdle();
    }

    /// <summary>The pairs that use this account: subscribed ones, and those the fleet registry lists for it (a pair not
    /// resolved yet is not subscribed).</summary>
    private async Task<IReadOnlyList<string>> PairIdsAsync()
    {
        var ids = new SortedSet<string>(S.Subscriptions.Select(s => s.PairId), StringComparer.Ordinal);
        try
        {
            foreach (var pair in await GrainFactory.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key).ListPairsAsync(AccountId))
                ids.Add(pair.PairId);
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            AccountGrainLog.RegistryUnavailable(logger, AccountId, e);
        }
        return ids.ToList();
    }
}
