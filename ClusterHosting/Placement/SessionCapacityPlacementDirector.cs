using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;

namespace Cluster.Hosting.Placement;

/// <summary>Places an account on the compatible silo with the most free session slots (capacity less held, queued and
/// reserved; ties broken at random, so a burst of activations spreads). A placement hint in the request context wins: the
/// rebalancer's moves carry the silo that pulled the account. Loads are read from each silo's <see cref="ISessionLoadService"/> and trusted for
/// <see cref="SessionCapacityOptions.LoadCacheDuration"/>; a silo that does not answer is left out unless none answers.
/// Placements made since a load was read count against it, so a burst does not pile onto one silo.</summary>
public sealed partial class SessionCapacityPlacementDirector(SessionLoadClient loads, IOptions<SessionCapacityOptions> options,
    ILogger<SessionCapacityPlacementDirector> logger) : IPlacementDirector
{
    private readonly ConcurrentDictionary<SiloAddress, (SessionLoad Load, long ReadAt, int PlacedSince)> _cache = new();

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint) return hint;
        if (silos.Length == 1) return silos[0];

        var known = await Task.WhenAll(silos.Select(ReadAsync));
        var answered = known.Where(k => k.Load is not null).ToList();
        if (answered.Count == 0) return silos[Random.Shared.Next(silos.Length)];
        var best = answered.Max(k => k.Free);
        var candidates = answered.Where(k => k.Free == best).ToList();
        var chosen = candidates[Random.Shared.Next(candidates.Count)].Silo;
        _cache.AddOrUpdate(chosen, _ => (new SessionLoad(0, options.Value.Capacity), Stopwatch.GetTimestamp(), 0),
            (_, c) => c with { PlacedSince = c.PlacedSince + 1 });
        if (best <= 0) LogAllFull(target.GrainIdentity, chosen);
        return chosen;
    }

    private async Task<(SiloAddress Silo, SessionLoad? Load, int Free)> ReadAsync(SiloAddress silo)
    {
        if (_cache.TryGetValue(silo, out var cached) && Stopwatch.GetElapsedTime(cached.ReadAt) < options.Value.LoadCacheDuration)
            return (silo, cached.Load, cached.Load.Free - cached.PlacedSince);
        try
        {
            var load = await loads.GetLoadAsync(silo).WaitAsync(TimeSpan.FromSeconds(2));
            _cache[silo] = (load, Stopwatch.GetTimestamp(), 0);
            return (silo, load, load.Free);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            LogUnanswered(silo, e.Message);
            return (silo, null, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every silo is at its session capacity: {Grain} placed on {Silo}, the least loaded, where it waits for a slot")]
    private partial void LogAllFull(GrainId grain, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} did not tell its session load: {Reason}")]
    private partial void LogUnanswered(SiloAddress silo, string reason);
}
