using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Silo.Configuration;
using Cluster.Silo.Dashboard.Logs;
using Cluster.Silo.Dashboard.Masking;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Cluster.Silo.Dashboard.Api;

/// <summary>Gathers what the dashboard's API answers: which silo answers and which Telegram it talks to, the Telegram
/// fleet (registries and status calls, each grain's silo from Orleans' <see cref="IManagementGrain"/>), and this silo's
/// log tail. Nothing secret passes through: statuses carry no secret by contract, texts are masked. The cluster itself
/// (silos, grains, calls, reminders) is Orleans' dashboard's.</summary>
internal sealed class DashboardData(
    ILocalSiloDetails local,
    TelegramSetup telegram,
    IGrainFactory grains,
    RecentLogBuffer localLogs,
    IOptions<DashboardOptions> options)
{
    private const int MaxLogEntries = 300;
    private static readonly TimeSpan GrainCallBudget = TimeSpan.FromSeconds(3);
    private static readonly double[] HistogramBoundsMs = [100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly SemaphoreSlim _telegramGate = new(1, 1);
    private (DateTimeOffset At, TelegramView View)? _telegramCache;
    private IReadOnlyList<CampaignSummary> _lastCampaigns = [];
    private IReadOnlyList<AccountSummary> _lastAccounts = [];
    private IReadOnlyList<PairSummary> _lastPairs = [];
    private IReadOnlyList<ProtectedGroupSummary> _lastGroups = [];

    private IManagementGrain Management => grains.GetGrain<IManagementGrain>(0);

    public ClusterView GetCluster()
        => new(SiloName(local.SiloAddress), telegram.Mode.ToString(), telegram.IsSimulated, DateTimeOffset.UtcNow,
            (int)options.Value.RefreshInterval.TotalMilliseconds, options.Value.OrleansDashboard ? DashboardEndpoints.OrleansDashboardPath + "/" : null);

    public async Task<TelegramView> GetTelegramAsync(CancellationToken cancellationToken)
    {
        // Every viewer of every page polls: one round of grain calls per cache period serves them all.
        await _telegramGate.WaitAsync(cancellationToken);
        try
        {
            if (_telegramCache is { } cached && DateTimeOffset.UtcNow - cached.At < options.Value.TelegramCacheTime) return cached.View;
            var view = await ReadTelegramAsync(cancellationToken);
            _telegramCache = (DateTimeOffset.UtcNow, view);
            return view;
        }
        finally
        {
            _telegramGate.Release();
        }
    }

    public LogsView GetLogs()
    {
        var self = SiloName(local.SiloAddress);
        return new LogsView([.. localLogs.Recent().Reverse().Take(MaxLogEntries).Select(e => e with { SiloId = self })]);
    }

    /// <summary>How the page names a silo: its Orleans endpoint (address:port).</summary>
    private static string SiloName(SiloAddress silo) => silo.Endpoint.ToString();

    private async Task<TelegramView> ReadTelegramAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var registry = grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        // While the registry moves to another silo (its silo died) the last lists it gave stand in for it.
        var summaries = _lastAccounts = await Bounded(registry.ListAccountsAsync(), "the fleet registry's accounts (last known list shown)", problems) ?? _lastAccounts;
        var pairSummaries = _lastPairs = await Bounded(registry.ListPairsAsync(null), "the fleet registry's pairs (last known list shown)", problems) ?? _lastPairs;

        // Past a few hundred grains, asking each for its status (and its location) on every refresh would load the
        // cluster for a page: the rest are shown from the registries' summaries alone.
        var detailed = options.Value.MaxDetailedGrains;
        if (summaries.Count > detailed || pairSummaries.Count > detailed)
            problems.Add($"More than {detailed} accounts or pairs (Dashboard:MaxDetailedGrains): those past the first {detailed} are shown from the registry alone (no silo, flood waits or latency).");
        var accounts = await Task.WhenAll(summaries.Select(async (summary, index) =>
        {
            if (index >= detailed) return ToView(summary, null, null);
            var account = grains.GetGrain<IAccountGrain>(summary.AccountId);
            var status = await Bounded(account.GetStatusAsync(), $"account {summary.AccountId}", problems);
            var silo = await LocateAsync(account);
            return ToView(summary, status, silo);
        }));
        var pairs = await Task.WhenAll(pairSummaries.Select(async (summary, index) =>
        {
            if (index >= detailed) return ToView(summary, null, null, null);
            var pair = grains.GetGrain<IChannelPairGrain>(summary.PairId);
            var status = await Bounded(pair.GetStatusAsync(), $"pair {summary.PairId}", problems);
            var timing = await Bounded(pair.GetTimingAsync(), $"pair {summary.PairId} timing", problems);
            var silo = await LocateAsync(pair);
            return ToView(summary, status, timing, silo);
        }));
        // The guard registry lists the groups that pushed their summary (an enabled group does when it starts).
        var registered = _lastGroups = await Bounded(grains.GetGrain<IGuardRegistryGrain>(IGuardRegistryGrain.Key).ListGroupsAsync(), "the guard registry (last known list shown)", problems) ?? _lastGroups;
        var groupIds = registered.Select(g => g.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal).ToList();
        var groups = (await Task.WhenAll(groupIds.Select(async key =>
        {
            var group = grains.GetGrain<IProtectedGroupGrain>(key);
            var status = await Bounded(group.GetStatusAsync(), $"group {key}", problems);
            if (status is null) return null;
            var silo = await LocateAsync(group);
            return new GroupView(status.GroupId, status.Enabled, silo, status.Channels.Count, status.MutedUsers.Count, status.Muted, status.Unmuted,
                status.MessagesDeleted, status.WarningsSent, status.CacheHits, status.CacheMisses);
        }))).OfType<GroupView>().OrderBy(g => g.GroupId).ToList();
        var broadcastIds = await Bounded(grains.GetGrain<IBroadcastRegistryGrain>(IBroadcastRegistryGrain.Key).ListAsync(), "the broadcast registry", problems) ?? [];
        var broadcasts = (await Task.WhenAll(broadcastIds.Select(async id =>
        {
            var broadcast = grains.GetGrain<IBroadcastGrain>(id);
            var p = await Bounded(broadcast.GetProgressAsync(), $"broadcast {id}", problems);
            if (p is null) return null;
            var silo = p.Finished ? null : await LocateAsync(broadcast);
            return new BroadcastView(p.BroadcastId, p.BotId, p.Phase.ToString(), silo, p.Total, p.Sent, p.Failed, p.Blocked, p.Unconfirmed, p.Pending,
                p.MessagesPerSecond, p.Eta?.TotalSeconds, p.CreatedAt);
        }))).OfType<BroadcastView>().ToList();
        var campaignSummaries = _lastCampaigns = await Bounded(grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListAsync(), "the campaign registry (last known list shown)", problems) ?? _lastCampaigns;
        var campaigns = campaignSummaries.Select(c => new CampaignView(c.CampaignId, c.Name, c.State.ToString(), c.Counts.Total, c.Counts.Sent, c.Counts.Failed, c.Counts.Skipped,
            c.Counts.Pending, c.Counts.Sending, c.CreatedAt, c.UpdatedAt)).ToList();
        return new TelegramView(accounts, pairs, groups, problems, DateTimeOffset.UtcNow, campaigns) { Broadcasts = broadcasts };
    }

    private static AccountView ToView(AccountSummary summary, AccountStatus? status, string? silo)
    {
        var now = DateTimeOffset.UtcNow;
        var cooldownUntil = status?.CooldownUntil ?? summary.CooldownUntil;
        return new AccountView(summary.AccountId, summary.Label, status?.PhoneMasked ?? summary.PhoneMasked, (status?.State ?? summary.State).ToString(),
            summary.Enabled, silo, cooldownUntil is { } until && until > now ? (until - now).TotalSeconds : null,
            status?.Usage.SentThisHour ?? summary.SentThisHour, status?.Usage.HourlyLimit ?? summary.HourlyLimit,
            status?.Usage.SentToday ?? summary.SentToday, status?.Usage.DailyLimit ?? summary.DailyLimit,
            status?.Counters.Sent ?? 0, status?.Counters.Failed ?? 0, status?.Counters.FloodWaits ?? 0, status?.Uptime.TotalSeconds ?? 0,
            Mask(status?.LastError ?? summary.ErrorReason));
    }

    private static PairView ToView(PairSummary summary, PairStatus? status, PairTiming? timing, string? silo)
    {
        var statistics = status?.Statistics;
        var latency = timing?.Forward;
        var recent = timing?.Recent ?? [];
        var histogram = new List<HistogramBucket>();
        var lower = 0.0;
        foreach (var upper in HistogramBoundsMs)
        {
            var bound = upper;
            var floor = lower;
            histogram.Add(new HistogramBucket($"≤{FormatMs(bound)}", bound, recent.LongCount(t => t.ForwardMs <= bound && (floor == 0 || t.ForwardMs > floor))));
            lower = bound;
        }
        histogram.Add(new HistogramBucket($">{FormatMs(lower)}", null, recent.LongCount(t => t.ForwardMs > lower)));
        return new PairView(summary.PairId, summary.Name, summary.AccountId, (status?.State ?? summary.State).ToString(), silo,
            status?.SourceTitle ?? summary.SourceTitle, status?.Destinations.Count ?? summary.DestinationCount,
            statistics?.Received ?? 0, statistics?.Forwarded ?? summary.Forwarded, statistics?.Failed ?? 0, statistics?.Filtered ?? 0,
            Mask(status?.LastError ?? summary.LastError), latency?.Count ?? 0, latency?.P50Ms ?? 0, latency?.P95Ms ?? 0, latency?.P99Ms ?? 0, histogram);
    }

    private static string FormatMs(double ms) => ms >= 1000 ? $"{ms / 1000:0.#} s" : $"{ms:0} ms";

    private static string? Mask(string? text) => text is null ? null : SecretMasker.MaskText(text);

    // Where Orleans' directory has the grain's activation (null when it is not active, or the lookup failed: the column
    // then shows "-", the page goes on).
    private async Task<string?> LocateAsync(IAddressable grain)
    {
        try
        {
            return await Management.GetActivationAddress(grain).AsTask().WaitAsync(GrainCallBudget) is { } silo ? SiloName(silo) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    // A grain that does not answer within the budget (a silo just died, a call waits for a take-over) must not hold
    // the page: it is shown from the registry alone and named in the problems.
    private static async Task<T?> Bounded<T>(Task<T> call, string what, List<string> problems) where T : class
    {
        try
        {
            return await call.WaitAsync(GrainCallBudget);
        }
        catch (Exception ex)
        {
            lock (problems) problems.Add($"{what}: {(ex is TimeoutException ? "no answer within 3 s" : SecretMasker.MaskText(ex.Message))}");
            return null;
        }
    }
}
