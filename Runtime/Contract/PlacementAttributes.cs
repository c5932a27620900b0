namespace Cluster.Runtime;

/// <summary>Chooses where new activations of a grain class are placed. Configuration
/// (<c>Cluster:Placement:&lt;grainType&gt;</c>) may override it per grain type by strategy name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class PlacementAttribute(string strategy) : Attribute
{
    /// <summary>The strategy name: random, prefer-local, hash, least-activations or resource-aware.</summary>
    public string Strategy { get; } = strategy;
}

/// <summary>Any live silo, chosen at random. The default.</summary>
public sealed class RandomPlacementAttribute() : PlacementAttribute(PlacementStrategies.Random);

/// <summary>The silo that handles the call, when it is live and accepts activations.</summary>
public sealed class PreferLocalPlacementAttribute() : PlacementAttribute(PlacementStrategies.PreferLocal);

/// <summary>A silo chosen by a stable hash of the grain id over the live silos.</summary>
public sealed class HashBasedPlacementAttribute() : PlacementAttribute(PlacementStrategies.Hash);

/// <summary>The live silo with the fewest activations.</summary>
public sealed class ActivationCountBasedPlacementAttribute() : PlacementAttribute(PlacementStrategies.LeastActivations);

/// <summary>The silo with the most free capacity of <see cref="Resource"/>; each activation uses
/// <see cref="Units"/> of it. When every silo is full the activation waits in an overflow queue.</summary>
public sealed class ResourceAwarePlacementAttribute(string resource = "sessions", int units = 1)
    : PlacementAttribute(PlacementStrategies.ResourceAware)
{
    public string Resource { get; } = resource;
    public int Units { get; } = units;
}

/// <summary>The names of the placement strategies, as used in configuration.</summary>
public static class PlacementStrategies
{
    public const string Random = "random";
    public const string PreferLocal = "prefer-local";
    public const string Hash = "hash";
    public const string LeastActivations = "least-activations";
    public const string ResourceAware = "resource-aware";

    public static readonly IReadOnlyList<string> All = [Random, PreferLocal, Hash, LeastActivations, ResourceAware];
}
