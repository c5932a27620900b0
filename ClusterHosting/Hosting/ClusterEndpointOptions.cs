namespace Cluster.Hosting.Hosting;

/// <summary>Who the cluster is and where this silo listens; bound from <c>Cluster</c>.</summary>
public sealed class ClusterEndpointOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Orleans' cluster id: silos and clients with the same id form one cluster. Default <c>telegram-cluster</c>.</summary>
    public string ClusterId { get; set; } = "telegram-cluster";

    /// <summary>Orleans' service id: stays the same across redeployments (grain state and reminders are keyed by it).
    /// Default <c>telegram-cluster</c>.</summary>
    public string ServiceId { get; set; } = "telegram-cluster";

    /// <summary>The port silos talk to each other on. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients (the admin bot) connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address this silo advertises to the others (an IP address). Default: loopback with SQLite, otherwise the
    /// machine's first non-loopback IPv4 address (in Kubernetes, POD_IP).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Gateways a client uses instead of reading the membership table, e.g. <c>Cluster:Gateways:0 = 10.0.0.5:30000</c>.
    /// Default: none.</summary>
    public List<string> Gateways { get; set; } = [];

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return $"{SectionName}:ClusterId must not be empty.";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return $"{SectionName}:ServiceId must not be empty.";
        if (SiloPort is < 1 or > 65535) yield return $"{SectionName}:SiloPort must be a port number (1-65535), got {SiloPort}.";
        if (GatewayPort is < 1 or > 65535) yield return $"{SectionName}:GatewayPort must be a port number (1-65535), got {GatewayPort}.";
        if (SiloPort == GatewayPort) yield return $"{SectionName}:SiloPort and {SectionName}:GatewayPort must differ (both {SiloPort}).";
        if (AdvertisedAddress is { Length: > 0 } a && !System.Net.IPAddress.TryParse(a, out _))
            yield return $"{SectionName}:AdvertisedAddress must be an IP address, got '{a}'.";
        foreach (var g in Gateways)
            if (!System.Net.IPEndPoint.TryParse(g, out var ep) || ep.Port == 0)
                yield return $"{SectionName}:Gateways entries must be address:port, got '{g}'.";
    }
}
