namespace Cluster.Silo.Configuration;

/// <summary>Settings of the silo process itself (section <c>Silo</c>): its HTTP port for the dashboard, health and
/// metrics, and how long a graceful shutdown may take. The cluster's own settings are under <c>Cluster</c>.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>TCP port (1-65535) of the silo's HTTP/1.1 endpoint (dashboards, /health, /metrics, webhooks). Default 8080.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>Address the HTTP endpoint binds to. Default "0.0.0.0" (every interface).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>How long a graceful shutdown (SIGTERM) may take, the Orleans silo's deactivations and leaving the
    /// cluster included (the host's ShutdownTimeout). Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long /health/ready waits for the database to answer before it reports not ready. Default 2 s.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Host name used in the URLs the silo prints at start. Default "localhost".</summary>
    public string PublicHost { get; set; } = "localhost";

    /// <summary>The base URL of the HTTP endpoint as printed for operators, e.g. http://localhost:8080/.</summary>
    public string PublicBaseUrl => $"http://{PublicHost}:{HttpPort}/";
}
