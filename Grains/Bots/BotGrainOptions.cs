namespace Cluster.Grains.Bots;

/// <summary>How bot grains long-poll Telegram. Bound from <c>Cluster:Bots</c>.</summary>
/// <remarks>Validated at start; every error names its setting.</remarks>
public sealed class BotGrainOptions
{
    public const string SectionName = "Cluster:Bots";

    /// <summary>How long Telegram holds a getUpdates call open when idle (1-50 s). Default: 25 s.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>At most this many updates per getUpdates call (1-100). Default: 100.</summary>
    public int PollLimit { get; set; } = 100;

    /// <summary>The first wait after a failed poll or delivery; doubles up to <see cref="MaxErrorDelay"/>. Default: 1 s.</summary>
    public TimeSpan ErrorDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between failed polls. Default: 30 s.</summary>
    public TimeSpan MaxErrorDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long deactivation waits for the poll loop to end before going on. Default: 3 s.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public void Validate()
    {
        if (PollTimeout < TimeSpan.FromSeconds(1) || PollTimeout > TimeSpan.FromSeconds(50))
            throw new ArgumentException($"{SectionName}:PollTimeout must be between 1 and 50 s, got {PollTimeout}.");
        if (PollLimit is < 1 or > 100)
            throw new ArgumentException($"{SectionName}:PollLimit must be between 1 and 100, got {PollLimit}.");
        if (ErrorDelay <= TimeSpan.Zero || MaxErrorDelay < ErrorDelay)
            throw new ArgumentException($"{SectionName}:ErrorDelay must be positive and not above {SectionName}:MaxErrorDelay, got {ErrorDelay} and {MaxErrorDelay}.");
        if (StopTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"{SectionName}:StopTimeout must be positive, got {StopTimeout}.");
    }
}
