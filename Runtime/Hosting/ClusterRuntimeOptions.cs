namespace Cluster.Runtime.Hosting;

/// <summary>Settings of the silo core, bound from the <c>Cluster</c> configuration section.
/// Validated at start (<see cref="Validate"/>); every error names the setting.</summary>
public sealed class ClusterRuntimeOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Shared secret every silo-to-silo and client request carries; required, at least 16 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>TCP port of the silo endpoint (HTTP/2 cleartext, prior knowledge). Default 11111; 0 leaves Kestrel alone
    /// (the application then listens itself). The address other silos use is <c>Cluster:Membership:Address</c>,
    /// by default http://&lt;host name&gt;:&lt;SiloPort&gt;.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Address the silo endpoint binds to. Default "0.0.0.0" (every interface).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>How long a caller waits for a grain call before <see cref="GrainCallTimeoutException"/>. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle time after which an activation is deactivated. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Collection age per grain type name (<c>Cluster:CollectionAgeByType:&lt;grainType&gt;</c>), overriding
    /// <see cref="CollectionAge"/>. Default empty.</summary>
    public Dictionary<string, TimeSpan> CollectionAgeByType { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often idle activations are looked for. Default 1 min (shorter in tests).</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnDeactivateAsync (and the turn it waits for) may take before deactivation goes on
    /// without it. Default 10 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a graceful shutdown waits for all activations to hand over. Default 20 s
    /// (keep it under the host's shutdown timeout, 30 s by default).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>After draining, how long a stopping silo keeps its endpoint open answering 503 to clients, so they
    /// move to other gateways before its HTTP/2 connections close (a request racing a closing connection could not
    /// be retried safely). Default 1 s.</summary>
    public TimeSpan GatewayCloseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a call is re-routed after a retryable "not here / full / shutting down" answer
    /// or an unreachable silo, before it fails with <see cref="SiloUnavailableException"/>. Default 12.</summary>
    public int MaxRoutingAttempts { get; set; } = 12;

    /// <summary>Delay before the first re-route; each next one waits one more step, up to 500 ms. Default 25 ms.</summary>
    public TimeSpan RoutingRetryDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Most directory entries cached by a silo; the cache is cleared when it grows past it. Default 100000.</summary>
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>Placement strategy by grain type (<c>Cluster:Placement:&lt;grainType&gt;</c>), overriding the class's
    /// placement attribute. Values: random, prefer-local, hash, least-activations, resource-aware. The section also holds
    /// the placement director's own settings (<see cref="Placement.PlacementOptions"/>), which are not grain types.</summary>
    public Dictionary<string, string> Placement { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The entries of <see cref="Placement"/> that name grain types.</summary>
    public IEnumerable<KeyValuePair<string, string>> GrainPlacements
        => Placement.Where(p => !DirectorSettings.Contains(p.Key));

    private static readonly HashSet<string> DirectorSettings = new(
        typeof(Placement.PlacementOptions).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every problem of the settings, each naming its configuration key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Secret))
            errors.Add("Cluster:Secret is required: set the cluster's shared secret (the same on every silo and client).");
        else if (Secret.Length < 16)
            errors.Add("Cluster:Secret must be at least 16 characters long.");
        if (SiloPort is < 0 or > 65535) errors.Add($"Cluster:SiloPort must be between 0 and 65535 (was {SiloPort}).");
        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
            errors.Add($"Cluster:ListenAddress must be an IP address (was '{ListenAddress}').");
        Positive(errors, "Cluster:CallTimeout", CallTimeout);
        Positive(errors, "Cluster:CollectionAge", CollectionAge);
        Positive(errors, "Cluster:CollectionInterval", CollectionInterval);
        Positive(errors, "Cluster:DeactivationTimeout", DeactivationTimeout);
        Positive(errors, "Cluster:DrainTimeout", DrainTimeout);
        Positive(errors, "Cluster:RoutingRetryDelay", RoutingRetryDelay);
        if (GatewayCloseDelay < TimeSpan.Zero) errors.Add($"Cluster:GatewayCloseDelay must not be negative (was {GatewayCloseDelay}).");
        foreach (var (type, age) in CollectionAgeByType) Positive(errors, $"Cluster:CollectionAgeByType:{type}", age);
        if (MaxRoutingAttempts < 1) errors.Add($"Cluster:MaxRoutingAttempts must be at least 1 (was {MaxRoutingAttempts}).");
        if (DirectoryCacheSize < 1) errors.Add($"Cluster:DirectoryCacheSize must be at least 1 (was {DirectoryCacheSize}).");
        foreach (var (type, strategy) in GrainPlacements)
            if (!PlacementStrategies.All.Contains(strategy))
                errors.Add($"Cluster:Placement:{type} names an unknown placement strategy '{strategy}'; expected one of {string.Join(", ", PlacementStrategies.All)}.");
        return errors;
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add($"{key} must be positive (was {value}).");
    }
}
