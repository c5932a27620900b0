namespace Cluster.TelegramSim;

/// <summary>Settings of the Telegram simulator (section "TelegramSim" in configuration).
/// Defaults give a faithful Telegram: every limit on.</summary>
public sealed class TelegramSimulatorOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "TelegramSim";

    /// <summary>Where the self-hosted simulator listens (StartAsync and the standalone host). Default
    /// "http://127.0.0.1:0": a free loopback port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>A JSON world file loaded at start. Default none.</summary>
    public string? WorldFile { get; set; }

    /// <summary>Whether to seed the demo world at start (a few accounts, channels, a bot, a protected group). Default false.</summary>
    public bool SeedDemoWorld { get; set; }

    /// <summary>Path prefix of every simulator endpoint when mapped into another app (e.g. "/telegram"). Default "" (root).</summary>
    public string PathPrefix { get; set; } = "";

    /// <summary>Updates kept per bot until confirmed; older ones are dropped. Default 100000.</summary>
    public int MaxPendingUpdatesPerBot { get; set; } = 100_000;

    /// <summary>Answers kept in the call log for inspection (counters are never dropped). Default 100000.</summary>
    public int CallLogCapacity { get; set; } = 100_000;

    /// <summary>Longest getUpdates long poll; Telegram allows 50 s. Default 50 s.</summary>
    public TimeSpan MaxBotPollTimeout { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>Rate limits.</summary>
    public SimLimitsOptions Limits { get; set; } = new();

    /// <summary>Account log-in and connection rules.</summary>
    public SimAccountOptions Accounts { get; set; } = new();

    /// <summary>Webhook delivery.</summary>
    public SimWebhookOptions Webhooks { get; set; } = new();

    /// <summary>The clock (tests may pass a fake one). Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Checks every setting; throws with a message naming the wrong one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Urls)) throw new ArgumentException("TelegramSim.Urls must not be empty.");
        if (PathPrefix.Length > 0 && (!PathPrefix.StartsWith('/') || PathPrefix.EndsWith('/')))
            throw new ArgumentException("TelegramSim.PathPrefix must be empty or start with '/' and not end with '/'.");
        if (MaxPendingUpdatesPerBot < 100) throw new ArgumentException("TelegramSim.MaxPendingUpdatesPerBot must be at least 100.");
        if (CallLogCapacity < 100) throw new ArgumentException("TelegramSim.CallLogCapacity must be at least 100.");
        if (MaxBotPollTimeout <= TimeSpan.Zero) throw new ArgumentException("TelegramSim.MaxBotPollTimeout must be positive.");
        if (WorldFile is not null && !File.Exists(WorldFile)) throw new ArgumentException($"TelegramSim.WorldFile '{WorldFile}' does not exist.");
        Limits.Validate();
        Accounts.Validate();
        Webhooks.Validate();
    }
}
