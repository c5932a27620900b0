using Cluster.Grains.Abstractions.Placement;
using Orleans.Metadata;
using Orleans.Runtime.Placement;
using Orleans.Serialization.TypeSystem;

namespace Cluster.Hosting.Placement;

/// <summary>Places a grain under <see cref="SessionCapacityPlacement"/> (an account: one Telegram session) on the compatible
/// silo that holds the fewest activations of its grain type, counted from the silos' activation directories through the
/// management grain; ties are broken at random, a placement hint wins.</summary>
/// <remarks>A stand-in so that accounts can be placed at all (Orleans refuses a strategy without a director): per-silo session
/// capacity and memory limits, premium accounts first and the Queued state are not implemented yet.</remarks>
internal sealed class SessionCapacityPlacementDirector(IGrainFactory grains, GrainClassMap classes) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint) return hint;
        if (silos.Length == 1) return silos[0];

        var type = target.GrainIdentity.Type;
        string[]? types = classes.TryGetGrainClass(type, out var grainClass) ? [RuntimeTypeNameFormatter.Format(grainClass)] : null;
        var counts = silos.ToDictionary(s => s, _ => 0);
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(types, silos);
        foreach (var activation in statistics)
            if (activation.GrainId.Type == type && counts.TryGetValue(activation.SiloAddress, out var count))
                counts[activation.SiloAddress] = count + 1;

        var fewest = counts.Values.Min();
        var candidates = counts.Where(c => c.Value == fewest).Select(c => c.Key).ToArray();
        return candidates[Random.Shared.Next(candidates.Length)];
    }
}
