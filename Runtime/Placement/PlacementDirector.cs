using Cluster.Runtime.Activation;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Placement;

/// <summary>Chooses the silo for a new activation among Active silos by the grain type's strategy; for
/// resource-aware types with every silo full, queues the request (FIFO per resource) until room appears.</summary>
internal sealed partial class PlacementDirector : IPlacementDirector, IDisposable
{
    private readonly ISiloMembership _membership;
    private readonly LoadBook _loads;
    private readonly PendingPlacements _pending;
    private readonly PlacementOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PlacementDirector> _logger;
    private readonly OverflowQueue _overflow;

    public PlacementDirector(ISiloMembership membership, LoadBook loads, PendingPlacements pending,
        IOptions<PlacementOptions> options, TimeProvider time, ILogger<PlacementDirector> logger)
    {
        _membership = membership;
        _loads = loads;
        _pending = pending;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _overflow = new OverflowQueue(TryPlaceResourceAware, _options.OverflowPollInterval, time, LogOverflowFailed);
    }

    /// <summary>Requests waiting in the overflow queue (all resources).</summary>
    public int OverflowCount => _overflow.Count;

    public async Task<SiloSummary> PlaceAsync(GrainId grainId, GrainTypeInfo grainType, CancellationToken cancellationToken)
    {
        var candidates = await ActiveSilosAsync(cancellationToken);
        var chosen = grainType.PlacementStrategy switch
        {
            PlacementStrategies.Hash => RendezvousHash.Pick(grainId.ToString(), candidates, s => s.SiloId)!,
            PlacementStrategies.PreferLocal => PreferLocal(candidates),
            PlacementStrategies.LeastActivations => LeastActivations(candidates),
            PlacementStrategies.ResourceAware when grainType.IsResourceAware => await PlaceResourceAwareAsync(grainId, grainType, cancellationToken),
            _ => Random(candidates),
        };
        if (!grainType.IsResourceAware)
            _pending.Add(chosen, null, 0);
        return chosen;
    }

    private async Task<IReadOnlyList<SiloSummary>> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        var active = _membership.View.Active.ToList();
        if (active.Count > 0) return active;
        // A silo that just started (or a view that is momentarily empty): wait a little for a live silo.
        var deadline = _time.GetTimestamp();
        while (_time.GetElapsedTime(deadline) < _options.NoSiloWait)
        {
            await Task.Delay(_options.OverflowPollInterval, _time, cancellationToken);
            active = _membership.View.Active.ToList();
            if (active.Count > 0) return active;
        }
        throw new SiloUnavailableException("No Active silo is available to place the grain.");
    }

    /// <summary>Silos shedding load (the rebalancer moves grains off them) get no new grains while others can.</summary>
    private IReadOnlyList<SiloSummary> NotShedding(IReadOnlyList<SiloSummary> candidates)
    {
        var keep = candidates.Where(s => !_loads.Get(s.SiloId).Shedding).ToList();
        return keep.Count > 0 ? keep : candidates;
    }

    private SiloSummary Random(IReadOnlyList<SiloSummary> candidates)
    {
        var eligible = NotShedding(candidates);
        return eligible[System.Random.Shared.Next(eligible.Count)];
    }

    private SiloSummary PreferLocal(IReadOnlyList<SiloSummary> candidates)
    {
        var eligible = NotShedding(candidates);
        return eligible.FirstOrDefault(s => s.SiloId == _membership.LocalSiloId) ?? Random(candidates);
    }

    private SiloSummary LeastActivations(IReadOnlyList<SiloSummary> candidates)
    {
        var eligible = NotShedding(candidates);
        SiloSummary? best = null;
        var bestLoad = int.MaxValue;
        var ties = 0;
        foreach (var silo in eligible)
        {
            var load = silo.Load.Activations + _pending.For(silo, null).Activations;
            if (load < bestLoad) { best = silo; bestLoad = load; ties = 1; }
            else if (load == bestLoad && System.Random.Shared.Next(++ties) == 0) best = silo;
        }
        return best!;
    }

    private async Task<SiloSummary> PlaceResourceAwareAsync(GrainId grainId, GrainTypeInfo grainType, CancellationToken cancellationToken)
    {
        // FIFO: a request may only bypass the queue when nobody waits for the same resource.
        if (!_overflow.HasWaiters(grainType.Resource!) && TryPlaceResourceAware(grainType) is { } silo) return silo;
        LogOverflow(grainId.ToString(), grainType.Resource!);
        return await _overflow.WaitAsync(grainType, cancellationToken);
    }

    /// <summary>The Active silo with the most free units of the resource, or null when none has room.</summary>
    private SiloSummary? TryPlaceResourceAware(GrainTypeInfo grainType)
    {
        var resource = grainType.Resource!;
        var units = Math.Max(1, grainType.ResourceUnits);
        SiloSummary? best = null;
        var bestFree = long.MinValue;
        foreach (var silo in NotShedding(_membership.View.Active.ToList()))
        {
            var used = silo.Load.ResourcesUsed.GetValueOrDefault(resource) + _pending.For(silo, resource).Units;
            // A silo that declares no capacity for the resource is unlimited for it.
            long free = silo.Load.ResourceCapacity.TryGetValue(resource, out var capacity) ? capacity - used : int.MaxValue - (long)used;
            if (free >= units && free > bestFree) { best = silo; bestFree = free; }
        }
        if (best is not null) _pending.Add(best, resource, units);
        return best;
    }

    public void Dispose() => _overflow.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Placing from the overflow queue failed")]
    private partial void LogOverflowFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every silo is full of {Resource}: grain {GrainId} waits in the overflow queue")]
    private partial void LogOverflow(string grainId, string resource);
}
