using Cluster.Runtime.Activation;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Rebalancing;

/// <summary>Evens out activations across Active silos. Each round, only the most loaded silo acts, on itself: it
/// publishes that it is shedding (placement then avoids it), then gracefully deactivates a bounded number of
/// its grains; always-on ones come back through the keeper and placement elsewhere, others on their next call.
/// Hysteresis (start above StartTolerance, stop below StopTolerance) and a per-grain cooldown keep it from flapping.</summary>
internal sealed partial class Rebalancer : BackgroundService
{
    private readonly ISiloMembership _membership;
    private readonly IActivationCatalog _catalog;
    private readonly LoadCollector _loads;
    private readonly IGrainTypeLookup? _types;
    private readonly RebalancingOptions _options;
    private readonly MembershipOptions _membershipOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<Rebalancer> _logger;
    private readonly SemaphoreSlim _wakeUp = new(0, 1);
    private readonly Dictionary<GrainId, long> _recentlyMoved = [];
    private bool _rebalancing;

    public Rebalancer(ISiloMembership membership, IActivationCatalog catalog, LoadCollector loads, IOptions<RebalancingOptions> options,
        IOptions<MembershipOptions> membershipOptions, TimeProvider time, ILogger<Rebalancer> logger, IGrainTypeLookup? types = null)
    {
        _membership = membership;
        _catalog = catalog;
        _loads = loads;
        _types = types;
        _options = options.Value;
        _membershipOptions = membershipOptions.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Grains this silo moved away since start.</summary>
    public long Moved => Interlocked.Read(ref _moved);
    private long _moved;

    /// <summary>Runs a round now rather than at the next interval.</summary>
    public void RequestRound()
    {
        try { if (_wakeUp.CurrentCount == 0) _wakeUp.Release(); }
        catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await _wakeUp.WaitAsync(_options.Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try { await RunRoundAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { LogRoundFailed(ex); }
        }
        _loads.Shedding = false;
    }

    /// <summary>One round; returns how many grains this silo moved.</summary>
    internal async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var local = _membership.LocalSiloId;
        var active = _membership.View.Active.ToList();
        if (_membership.IsFenced || active.Count < 2 || !active.Any(s => s.SiloId == local))
        {
            StopShedding();
            return 0;
        }
        // Our own count is fresher than what we published; the others' lag by up to a heartbeat.
        var counts = active.ToDictionary(s => s.SiloId, s => s.SiloId == local ? _catalog.Count : s.Load.Activations, StringComparer.Ordinal);
        var mostLoaded = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        var leastLoaded = counts.Values.Min();
        var mean = counts.Values.Average();
        var spread = mostLoaded.Value - leastLoaded;
        var start = Math.Max(_options.MinimumSpread, _options.StartTolerance * mean);
        var stop = Math.Max(_options.MinimumSpread / 2.0, _options.StopTolerance * mean);

        if (mostLoaded.Key != local) { StopShedding(); return 0; }
        if (!_rebalancing && spread > start) { _rebalancing = true; LogStarted(spread, mean); }
        else if (_rebalancing && spread <= stop) { StopShedding(); LogSettled(spread, mean); return 0; }
        if (!_rebalancing) return 0;

        if (!_loads.Shedding)
        {
            // Let the other silos see that we shed before grains look for a new home, or they could come back here.
            _loads.Shedding = true;
            await Task.Delay(_membershipOptions.HeartbeatInterval * 2, _time, cancellationToken);
        }

        // Move toward the mean, never below it: the least loaded silo cannot end up above us and push back.
        var toMove = (int)Math.Min(_options.MaxMovesPerRound, Math.Floor(_catalog.Count - mean));
        if (toMove <= 0) return 0;
        ForgetOldMoves();
        var candidates = _catalog.ActiveGrainIds()
            .Where(id => !_recentlyMoved.ContainsKey(id) && Movable(id))
            .OrderBy(_ => Random.Shared.Next())
            .Take(toMove)
            .ToList();
        var moved = 0;
        foreach (var grainId in candidates)
        {
            if (_membership.IsFenced || cancellationToken.IsCancellationRequested) break;
            if (await _catalog.DeactivateAsync(grainId, DeactivationReason.Rebalancing, cancellationToken))
            {
                _recentlyMoved[grainId] = _time.GetTimestamp();
                moved++;
            }
        }
        Interlocked.Add(ref _moved, moved);
        LogMoved(moved, spread, mean);
        return moved;
    }

    /// <summary>Hash-placed grains would be placed right back here; prefer-local ones too, by whoever re-activates them.</summary>
    private bool Movable(GrainId grainId)
    {
        var strategy = _types?.FindByName(grainId.Type)?.PlacementStrategy;
        return strategy is not (PlacementStrategies.Hash or PlacementStrategies.PreferLocal);
    }

    private void ForgetOldMoves()
    {
        foreach (var (id, at) in _recentlyMoved.ToList())
            if (_time.GetElapsedTime(at) > _options.MoveCooldown) _recentlyMoved.Remove(id);
    }

    private void StopShedding()
    {
        _rebalancing = false;
        _loads.Shedding = false;
    }

    public override void Dispose()
    {
        base.Dispose();
        _wakeUp.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebalancing started: spread {Spread} activations over a mean of {Mean:0.0}")]
    private partial void LogStarted(int spread, double mean);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebalancing settled: spread {Spread} activations over a mean of {Mean:0.0}")]
    private partial void LogSettled(int spread, double mean);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebalancer moved {Moved} grains away (spread {Spread}, mean {Mean:0.0})")]
    private partial void LogMoved(int moved, int spread, double mean);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebalancing round failed")]
    private partial void LogRoundFailed(Exception exception);
}
