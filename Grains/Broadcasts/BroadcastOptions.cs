namespace Cluster.Grains.Broadcasts;

/// <summary>How bot broadcasts run. Bound from <c>Cluster:Broadcasts</c>, validated at start; every error names its setting.</summary>
public sealed class BroadcastOptions
{
    public const string SectionName = "Cluster:Broadcasts";

    /// <summary>Recipients per chunk grain (100-10,000). Default: 1,000.</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>How many seconds of sends at the bot's rate one wave holds (its intent is written in one go before they leave): the
    /// most recipients that can be in doubt after a crash is this times the rate (at least 1). Default: 0.1 s (3 at 30/s, the limiter's
    /// burst, so a wave mostly leaves at once; 100 at a paid 1,000/s).</summary>
    public double WaveSeconds { get; set; } = 0.1;

    /// <summary>What happens to a send in doubt (in flight when the silo died, or without an answer) that was not found and cannot be
    /// proven absent: one whose ceiling never came (no later send of the broadcast began <see cref="InDoubtSettle"/> after it), a
    /// search over <see cref="InDoubtProbeLimit"/>, or a first wave with no message id of the bot known below it. <see cref="BroadcastInDoubtPolicy.Skip"/> (Unconfirmed, not sent again: nobody gets it
    /// twice) or <see cref="BroadcastInDoubtPolicy.Resend"/>. Default: Skip.</summary>
    public BroadcastInDoubtPolicy InDoubt { get; set; } = BroadcastInDoubtPolicy.Skip;

    /// <summary>How long after a send that got no answer a later send must begin for its message id to bound the search for it (Telegram
    /// may still be making a message whose request timed out on our side). Sends in flight when a silo died need no such wait: their
    /// connection died with the silo. Default: 5 s.</summary>
    public TimeSpan InDoubtSettle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most Bot API requests one search for sends in doubt may make (ids between the floor and the ceiling that are not this
    /// broadcast's own sends, times the recipients in doubt); a larger search falls back to <see cref="InDoubt"/>. Default: 1,000.</summary>
    public int InDoubtProbeLimit { get; set; } = 1000;

    /// <summary>How often the progress message is edited while sending (at least 1 s: Telegram allows one edit per second per chat).
    /// Default: 3 s.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The wait after a failed step (storage or the Bot API unreachable), doubling up to 30 s. Default: 1 s.</summary>
    public TimeSpan ErrorDelay { get; set; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (ChunkSize is < 100 or > 10_000)
            throw new ArgumentException($"{SectionName}:ChunkSize must be between 100 and 10000, got {ChunkSize}.");
        if (!(WaveSeconds is > 0 and <= 10))
            throw new ArgumentException($"{SectionName}:WaveSeconds must be above 0 and at most 10, got {WaveSeconds}.");
        if (!Enum.IsDefined(InDoubt))
            throw new ArgumentException($"{SectionName}:InDoubt must be Skip or Resend, got {InDoubt}.");
        if (InDoubtSettle < TimeSpan.Zero)
            throw new ArgumentException($"{SectionName}:InDoubtSettle must not be negative, got {InDoubtSettle}.");
        if (InDoubtProbeLimit < 0)
            throw new ArgumentException($"{SectionName}:InDoubtProbeLimit must not be negative, got {InDoubtProbeLimit}.");
        if (ProgressInterval < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"{SectionName}:ProgressInterval must be at least 1 s, got {ProgressInterval}.");
        if (ErrorDelay <= TimeSpan.Zero)
            throw new ArgumentException($"{SectionName}:ErrorDelay must be positive, got {ErrorDelay}.");
    }
}
