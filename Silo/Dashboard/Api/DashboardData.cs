using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Runtime;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Placement;
using Cluster.Silo.Configuration;
using Cluster.Silo.Dashboard.History;
using Cluster.Silo.Dashboard.Masking;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Dashboard.Api;

/// <summary>Gathers what the dashboard's API answers, for the whole cluster, from wherever it is: the management view
/// (membership table: silos, loads, call statistics), the chart history of this silo, the Telegram grains (registry and
/// status calls), and the other silos' log tails (runtime route <c>/cluster/v1/logs</c>). Nothing secret passes through:
/// grain states are masked, statuses carry no secret by contract.</summary>
internal sealed class DashboardData(
    IClusterManagement management,
    ISiloMembership membership,
    TelegramSetup telegram,
    CallHistory history,
    IGrainFactory grains,
    IGrainTypeLookup types,
    IAlwaysOnRegistry alwaysOn,
    SiloMessenger messenger,
    IRecentLogSource localLogs,
    IOptions<DashboardOptions> options)
{
    private const int TopCount = 8;
    private const int MaxMethodSeries = 12;
    private const int MaxLogEntries = 300;
    private static readonly TimeSpan GrainCallBudget = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LogFetchBudget = TimeSpan.FromSeconds(2);
    private static readonly double[] HistogramBoundsMs = [100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly SemaphoreSlim _telegramGate = new(1, 1);
    private (DateTimeOffset At, TelegramView View)? _telegramCache;
    private IReadOnlyList<AccountSummary> _lastAccounts = [];
    private IReadOnlyList<PairSummary> _lastPairs = [];
    private IReadOnlyList<ProtectedGroupSummary> _lastGroups = [];

    public async Task<ClusterView> GetClusterAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var silos = await management.GetSilosAsync(cancellationToken);
        var stats = await management.GetCallStatsAsync(cancellationToken);
        var views = silos
            .OrderBy(s => s.Status is SiloStatus.Dead or SiloStatus.Left ? 1 : 0).ThenBy(s => s.StartedAt)
            .Select(s => new SiloView(s.SiloId, s.Address, s.HostName, s.Status.ToString(), s.SiloId == membership.LocalSiloId, s.StartedAt,
                Math.Max(0, ((s.Status is SiloStatus.Dead or SiloStatus.Left ? s.LastHeartbeat : now) - s.StartedAt).TotalSeconds), s.LastHeartbeat,
                s.Load.CpuPercent, s.Load.MemoryBytes, s.Load.Activations, s.Load.CallsPerSecond, s.Load.ResourcesUsed, s.Load.ResourceCapacity))
            .ToList();
        var serving = silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown).ToList();
        var methods = Aggregate(stats, byMethod: true);
        var latest = history.Snapshot().Total.LastOrDefault(s => s is not null);
        var totalCalls = methods.Sum(m => m.Calls);
        var totalErrors = methods.Sum(m => m.Errors);
        var overview = new OverviewView(
            serving.Sum(s => s.Load.Activations),
            silos.Count(s => s.Status == SiloStatus.Active),
            latest?.CallsPerSecond ?? serving.Sum(s => s.Load.CallsPerSecond),
            latest is { CallsPerSecond: > 0 } ? latest.ErrorsPerSecond / latest.CallsPerSecond : totalCalls == 0 ? 0 : (double)totalErrors / totalCalls,
            latest is { CallsPerSecond: > 0 } ? latest.AverageMs : totalCalls == 0 ? 0 : methods.Sum(m => m.AverageMs * m.Calls) / totalCalls,
            totalCalls,
            totalErrors,
            [.. methods.OrderByDescending(m => m.Calls).Take(TopCount)],
            [.. methods.Where(m => m.Errors > 0).OrderByDescending(m => m.Errors).Take(TopCount)],
            [.. methods.Where(m => m.Calls > 0).OrderByDescending(m => m.AverageMs).Take(TopCount)]);
        return new ClusterView(membership.LocalSiloId, telegram.Mode.ToString(), telegram.IsSimulated, now,
            (int)options.Value.RefreshInterval.TotalMilliseconds, views, overview);
    }

    public async Task<GrainsView> GetGrainsAsync(CancellationToken cancellationToken)
    {
        var counts = await management.GetActivationCountsAsync(cancellationToken);
        var stats = await management.GetCallStatsAsync(cancellationToken);
        var activations = counts.GroupBy(c => c.GrainType)
            .Select(g => new TypeActivationsView(g.Key, g.Sum(c => c.Count), g.GroupBy(c => c.SiloId).ToDictionary(s => s.Key, s => s.Sum(c => c.Count))))
            .OrderByDescending(t => t.Total).ThenBy(t => t.GrainType, StringComparer.Ordinal)
            .ToList();
        return new GrainsView(activations, Aggregate(stats, byMethod: false), Aggregate(stats, byMethod: true));
    }

    public HistoryView GetHistory()
    {
        var snapshot = history.Snapshot();
        var methods = snapshot.ByMethod
            .OrderByDescending(p => p.Value.Sum(s => s?.CallsPerSecond ?? 0))
            .Take(MaxMethodSeries)
            .Select(p => Series(p.Key, p.Value));
        return new HistoryView(snapshot.Times, snapshot.Activations, Series(CallHistory.TotalSeries, snapshot.Total),
            [.. snapshot.ByType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Series(p.Key, p.Value))], [.. methods]);
    }

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

    public async Task<LogsView> GetLogsAsync(CancellationToken cancellationToken)
    {
        var silos = await management.GetSilosAsync(cancellationToken);
        var unreachable = new List<string>();
        var tasks = silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Joining).Select(async silo =>
        {
            if (silo.SiloId == membership.LocalSiloId) return Stamp(localLogs.Recent(), silo.SiloId);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(LogFetchBudget);
            try
            {
                var entries = await messenger.GetAsync(silo.Address, ClusterHeaders.LogsPath, RuntimeJsonContext.Default.IReadOnlyListRecentLogEntry, timeout.Token);
                return Stamp(entries, silo.SiloId);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or GrainCallException or System.Text.Json.JsonException)
            {
                lock (unreachable) unreachable.Add(silo.SiloId);
                return [];
            }
        });
        var all = (await Task.WhenAll(tasks)).SelectMany(e => e)
            .OrderByDescending(e => e.Timestamp).Take(MaxLogEntries)
            .ToList();
        return new LogsView(all, unreachable);
    }

    public async Task<GrainDetailView> GetGrainAsync(string grainType, string key, CancellationToken cancellationToken)
    {
        var details = await management.GetGrainDetailsAsync(new GrainId(grainType, key), cancellationToken);
        var states = details.StatesJson.ToDictionary(
            p => p.Key,
            p => SecretMasker.IsSecretKey(p.Key) ? $"\"{SecretMasker.Masked}\"" : SecretMasker.MaskJson(p.Value),
            StringComparer.Ordinal);
        return new GrainDetailView(grainType, key, details.Location?.SiloId, details.Location?.Address, details.Location?.Epoch, states,
            [.. details.Reminders.Select(r => new ReminderView(r.Name, r.StartAt, r.Period.TotalSeconds))]);
    }

    private async Task<TelegramView> ReadTelegramAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var registry = grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        // While the registry moves to another silo (its silo died) the last lists it gave stand in for it.
        var summaries = _lastAccounts = await Bounded(registry.ListAccountsAsync(), "the fleet registry's accounts (last known list shown)", problems) ?? _lastAccounts;
        var pairSummaries = _lastPairs = await Bounded(registry.ListPairsAsync(null), "the fleet registry's pairs (last known list shown)", problems) ?? _lastPairs;
        var accountType = types.FindByInterface(typeof(IAccountGrain))?.Name;
        var pairType = types.FindByInterface(typeof(IChannelPairGrain))?.Name;
        var groupType = types.FindByInterface(typeof(IProtectedGroupGrain))?.Name;

        // Past a few hundred grains, asking each for its status (and its location) on every refresh would load the
        // cluster for a page: the rest are shown from the registries' summaries alone.
        var detailed = options.Value.MaxDetailedGrains;
        if (summaries.Count > detailed || pairSummaries.Count > detailed)
            problems.Add($"More than {detailed} accounts or pairs (Dashboard:MaxDetailedGrains): those past the first {detailed} are shown from the registry alone (no silo, flood waits or latency).");
        var accounts = await Task.WhenAll(summaries.Select(async (summary, index) =>
        {
            if (index >= detailed) return ToView(summary, null, null);
            var status = await Bounded(grains.GetGrain<IAccountGrain>(summary.AccountId).GetStatusAsync(), $"account {summary.AccountId}", problems);
            var silo = await LocateAsync(accountType, summary.AccountId, cancellationToken);
            return ToView(summary, status, silo);
        }));
        var pairs = await Task.WhenAll(pairSummaries.Select(async (summary, index) =>
        {
            if (index >= detailed) return ToView(summary, null, null, null);
            var pair = grains.GetGrain<IChannelPairGrain>(summary.PairId);
            var status = await Bounded(pair.GetStatusAsync(), $"pair {summary.PairId}", problems);
            var timing = await Bounded(pair.GetTimingAsync(), $"pair {summary.PairId} timing", problems);
            var silo = await LocateAsync(pairType, summary.PairId, cancellationToken);
            return ToView(summary, status, timing, silo);
        }));
        // The guard registry lists the groups that pushed their summary; the always-on registry every enabled group
        // (including those that have not pushed yet): the page shows both.
        var registered = _lastGroups = await Bounded(grains.GetGrain<IGuardRegistryGrain>(IGuardRegistryGrain.Key).ListGroupsAsync(), "the guard registry (last known list shown)", problems) ?? _lastGroups;
        var keptOn = groupType is null ? [] : (await alwaysOn.ListAsync(cancellationToken)).Where(g => g.Type == groupType).Select(g => g.Key);
        var groupIds = registered.Select(g => g.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Concat(keptOn).Distinct(StringComparer.Ordinal).ToList();
        var groups = (await Task.WhenAll(groupIds.Select(async key =>
        {
            var status = await Bounded(grains.GetGrain<IProtectedGroupGrain>(key).GetStatusAsync(), $"group {key}", problems);
            if (status is null) return null;
            var silo = await LocateAsync(groupType, key, cancellationToken);
            return new GroupView(status.GroupId, status.Enabled, silo, status.Channels.Count, status.MutedUsers.Count, status.Muted, status.Unmuted,
                status.MessagesDeleted, status.WarningsSent, status.CacheHits, status.CacheMisses);
        }))).OfType<GroupView>().OrderBy(g => g.GroupId).ToList();
        return new TelegramView(accounts, pairs, groups, problems, DateTimeOffset.UtcNow, accountType, pairType, groupType);
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
        var latency = timing?.EndToEnd;
        var recent = timing?.Recent ?? [];
        var histogram = new List<HistogramBucket>();
        var lower = 0.0;
        foreach (var upper in HistogramBoundsMs)
        {
            var bound = upper;
            var floor = lower;
            histogram.Add(new HistogramBucket($"≤{FormatMs(bound)}", bound, recent.LongCount(t => t.EndToEndMs <= bound && (floor == 0 || t.EndToEndMs > floor))));
            lower = bound;
        }
        histogram.Add(new HistogramBucket($">{FormatMs(lower)}", null, recent.LongCount(t => t.EndToEndMs > lower)));
        return new PairView(summary.PairId, summary.Name, summary.AccountId, (status?.State ?? summary.State).ToString(), silo,
            status?.SourceTitle ?? summary.SourceTitle, status?.Destinations.Count ?? summary.DestinationCount,
            statistics?.Received ?? 0, statistics?.Forwarded ?? summary.Forwarded, statistics?.Failed ?? 0, statistics?.Filtered ?? 0,
            Mask(status?.LastError ?? summary.LastError), latency?.Count ?? 0, latency?.P50Ms ?? 0, latency?.P95Ms ?? 0, latency?.P99Ms ?? 0, histogram);
    }

    private static string FormatMs(double ms) => ms >= 1000 ? $"{ms / 1000:0.#} s" : $"{ms:0} ms";

    private static string? Mask(string? text) => text is null ? null : SecretMasker.MaskText(text);

    private async Task<string?> LocateAsync(string? grainType, string key, CancellationToken cancellationToken)
        => grainType is null ? null : (await management.LocateAsync(new GrainId(grainType, key), cancellationToken))?.SiloId;

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

    private static IReadOnlyList<RecentLogEntry> Stamp(IReadOnlyList<RecentLogEntry> entries, string siloId)
        => [.. entries.Select(e => e with { SiloId = siloId })];

    private static SeriesView Series(string name, IReadOnlyList<HistorySample?> samples)
        => new(name, [.. samples.Select(s => s?.CallsPerSecond)], [.. samples.Select(s => s?.ErrorsPerSecond)],
            [.. samples.Select(s => s?.AverageMs)], [.. samples.Select(s => s?.P99Ms)]);

    private static IReadOnlyList<MethodView> Aggregate(IReadOnlyList<MethodCallStats> stats, bool byMethod)
        => [.. stats.GroupBy(s => (s.GrainType, Method: byMethod ? s.Method : null))
            .Select(g =>
            {
                var calls = g.Sum(s => s.Calls);
                return new MethodView(g.Key.GrainType, g.Key.Method, calls, g.Sum(s => s.Errors),
                    calls == 0 ? 0 : g.Sum(s => s.AverageMilliseconds * s.Calls) / calls, g.Max(s => s.P99Milliseconds));
            })
            .OrderBy(m => m.GrainType, StringComparer.Ordinal).ThenBy(m => m.Method, StringComparer.Ordinal)];
}
