namespace Cluster.Telegram.Accounts.Simulator;

/// <summary>Settings of the simulator adapter of the account port (section "Telegram:Simulator").</summary>
public sealed class SimulatorAccountClientOptions
{
    /// <summary>The simulator's base URL, e.g. http://127.0.0.1:8081/. Required.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Timeout of one request (not the update long poll). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one update long poll waits on the server. Default 25 s.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Delay before polling again after a network error. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks every setting; throws naming the wrong one.</summary>
    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri) throw new ArgumentException("Telegram:Simulator:BaseUrl must be an absolute URL.");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("Telegram:Simulator:RequestTimeout must be positive.");
        if (PollTimeout <= TimeSpan.Zero) throw new ArgumentException("Telegram:Simulator:PollTimeout must be positive.");
        if (RetryDelay <= TimeSpan.Zero) throw new ArgumentException("Telegram:Simulator:RetryDelay must be positive.");
    }
}
