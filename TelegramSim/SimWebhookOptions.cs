namespace Cluster.TelegramSim;

/// <summary>How the simulator delivers updates to webhooks.</summary>
public sealed class SimWebhookOptions
{
    /// <summary>Delay before the first retry of a failed delivery; doubles up to <see cref="MaxRetryDelay"/>. Default 0.5 s.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between retries. Default 10 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one webhook POST. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Updates sent per webhook POST: Telegram sends one. Default 1.</summary>
    internal int BatchSize => 1;

    internal void Validate()
    {
        if (InitialRetryDelay <= TimeSpan.Zero) throw new ArgumentException("Webhooks.InitialRetryDelay must be positive.");
        if (MaxRetryDelay < InitialRetryDelay) throw new ArgumentException("Webhooks.MaxRetryDelay must be at least Webhooks.InitialRetryDelay.");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("Webhooks.RequestTimeout must be positive.");
    }
}
