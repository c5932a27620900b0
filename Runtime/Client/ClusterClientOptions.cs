namespace Cluster.Runtime.Client;

/// <summary>Settings of a <see cref="ClusterClient"/>, bound from the <c>Cluster</c> section (the secret is shared
/// with the silos).</summary>
public sealed class ClusterClientOptions
{
    /// <summary>The cluster's shared secret (<c>Cluster:Secret</c>); required.</summary>
    public string? Secret { get; set; }

    /// <summary>Silo addresses to use as gateways (http://host:port). Default empty: gateways are the Active silos of
    /// the membership table, which needs an IClusterStorage registered.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>How long a call may take before <see cref="GrainCallTimeoutException"/>. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting to a gateway may take. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the gateway list is re-read from the membership table. Default 5 s.</summary>
    public TimeSpan GatewayRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A silo whose heartbeat is older than this is not used as a gateway. Default 10 s.</summary>
    public TimeSpan GatewayLivenessTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many gateways a call tries when they refuse it or cannot be reached. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Pause between attempts, growing by this much each time (capped at 1 s). Default 100 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a gateway that refused or failed is avoided. Default 5 s.</summary>
    public TimeSpan GatewayQuarantine { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Secret)) errors.Add("Cluster:Secret is required: set the cluster's shared secret.");
        foreach (var gateway in Gateways)
            if (!Uri.TryCreate(gateway, UriKind.Absolute, out _)) errors.Add($"Cluster:Gateways has '{gateway}', which is not an absolute URI like http://host:11111.");
        if (CallTimeout <= TimeSpan.Zero) errors.Add("Cluster:CallTimeout must be positive.");
        if (ConnectTimeout <= TimeSpan.Zero) errors.Add("Cluster:ConnectTimeout must be positive.");
        if (GatewayRefreshInterval <= TimeSpan.Zero) errors.Add("Cluster:GatewayRefreshInterval must be positive.");
        if (GatewayLivenessTimeout <= TimeSpan.Zero) errors.Add("Cluster:GatewayLivenessTimeout must be positive.");
        if (MaxAttempts < 1) errors.Add("Cluster:MaxAttempts must be at least 1.");
        if (RetryDelay < TimeSpan.Zero) errors.Add("Cluster:RetryDelay must not be negative.");
        if (GatewayQuarantine < TimeSpan.Zero) errors.Add("Cluster:GatewayQuarantine must not be negative.");
        return errors;
    }
}
