namespace Cluster.Grains.Forwarding;

/// <summary>Limits and timings of channel pairs, bound from <c>Cluster:Forwarding</c>.
/// Validated at start by <see cref="Validate"/>, whose messages name the setting.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Cluster:Forwarding";

    /// <summary>Longest a filter or replacement regex may run on one text before it counts as failed. Default 200 ms.</summary>
    public TimeSpan RegexMatchTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many source messages the source->destination id map remembers for edit/delete mirroring. Default 1000.</summary>
    public int MessageIdMapCapacity { get; set; } = 1000;

    /// <summary>After how many changed source ids the id map's snapshot is rewritten; until then the changes ride with every write of the pair (which stays small). Default 64.</summary>
    public int MessageIdMapSnapshotInterval { get; set; } = 64;

    /// <summary>Least time between two writes of a pair's timing diagnostics (histograms, recent timings); a crash may forget this much of them. Default 5 s.</summary>
    public TimeSpan TimingsWriteInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many messages one history request asks for when catching up or in past mode. Default 100.</summary>
    public int HistoryPageSize { get; set; } = 100;

    /// <summary>How often a pair asks its account for messages it may have missed at the tail (gaps are filled at once). Default 5 minutes: every call costs the shared account a request.</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many timings of recent messages a pair keeps for /pair and the dashboard. Default 50.</summary>
    public int RecentTimingsKept { get; set; } = 50;

    /// <summary>How many times a failing send (not a cooldown) is retried before the operation is skipped. Default 3.</summary>
    public int MaxSendAttempts { get; set; } = 3;

    /// <summary>How long a pair waits before retrying a failed send or an account that is not active. Default 30 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between two retries of a pair in error (the wait doubles from <see cref="RetryDelay"/> with every failure in a row). Default 10 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Least time between two pushes of a pair's forwarded count to the fleet registry (state and error changes are pushed at once). Default 5 s.</summary>
    public TimeSpan RegistryPublishInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most operations a pair republishes in one turn before yielding to other calls. Default 20.</summary>
    public int MaxOperationsPerTurn { get; set; } = 20;

    /// <summary>What happens to a send that was in flight when the pair crashed. Default resend (at most one duplicate).</summary>
    public InFlightPolicy InFlightPolicy { get; set; } = InFlightPolicy.ResendOnce;

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public void Validate()
    {
        if (RegexMatchTimeout <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:RegexMatchTimeout must be positive (is {RegexMatchTimeout}).");
        if (MessageIdMapCapacity < 1) throw new ArgumentException($"{SectionName}:MessageIdMapCapacity must be at least 1 (is {MessageIdMapCapacity}).");
        if (MessageIdMapSnapshotInterval < 1) throw new ArgumentException($"{SectionName}:MessageIdMapSnapshotInterval must be at least 1 (is {MessageIdMapSnapshotInterval}).");
        if (TimingsWriteInterval < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:TimingsWriteInterval must not be negative (is {TimingsWriteInterval}).");
        if (HistoryPageSize is < 1 or > 100) throw new ArgumentException($"{SectionName}:HistoryPageSize must be between 1 and 100 (is {HistoryPageSize}).");
        if (CatchUpInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:CatchUpInterval must be positive (is {CatchUpInterval}).");
        if (RecentTimingsKept < 0) throw new ArgumentException($"{SectionName}:RecentTimingsKept must not be negative (is {RecentTimingsKept}).");
        if (MaxSendAttempts < 1) throw new ArgumentException($"{SectionName}:MaxSendAttempts must be at least 1 (is {MaxSendAttempts}).");
        if (RetryDelay <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:RetryDelay must be positive (is {RetryDelay}).");
        if (MaxRetryDelay < RetryDelay) throw new ArgumentException($"{SectionName}:MaxRetryDelay ({MaxRetryDelay}) must not be below RetryDelay ({RetryDelay}).");
        if (RegistryPublishInterval < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:RegistryPublishInterval must not be negative (is {RegistryPublishInterval}).");
        if (MaxOperationsPerTurn < 1) throw new ArgumentException($"{SectionName}:MaxOperationsPerTurn must be at least 1 (is {MaxOperationsPerTurn}).");
    }
}
