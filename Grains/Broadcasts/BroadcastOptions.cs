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

    /// <summary>What happens to a recipient whose send was in flight when the silo died (the Bot API cannot tell whether it arrived):
    /// <see cref="BroadcastInDoubtPolicy.Skip"/> (not sent again: nobody gets it twice) or <see cref="BroadcastInDoubtPolicy.Resend"/>.
    /// Default: Skip.</summary>
    public BroadcastInDoubtPolicy InDoubt { get; set; } = BroadcastInDoubtPolicy.Skip;

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
        if (ProgressInterval < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"{SectionName}:ProgressInterval must be at least 1 s, got {ProgressInterval}.");
        if (ErrorDelay <= TimeSpan.Zero)
            throw new ArgumentException($"{SectionName}:ErrorDelay must be positive, got {ErrorDelay}.");
    }
}
