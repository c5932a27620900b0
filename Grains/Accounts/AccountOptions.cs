namespace Cluster.Grains.Accounts;

/// <summary>Limits and timings of account grains, bound from <c>Cluster:Accounts</c>.
/// Validated at start by <see cref="Validate"/>, whose messages name the setting.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Cluster:Accounts";

    /// <summary>Sends per clock hour for accounts whose configuration sets none. Default 60.</summary>
    public int DefaultHourlySendLimit { get; set; } = 60;

    /// <summary>Sends per UTC day for accounts whose configuration sets none. Default 500.</summary>
    public int DefaultDailySendLimit { get; set; } = 500;

    /// <summary>How many sends past those made an account reserves in its stored counters at a time, so the counters are
    /// written once per this many sends, yet a crash never lets the account send past its limits (after a crash at most
    /// this many allowed sends go unused until the window resets). Default 5.</summary>
    public int SendCountReservation { get; set; } = 5;

    /// <summary>How long an account keeps handing an edit or deletion of a source message to a pair it cannot reach (the
    /// pair's silo died and the pair is being re-activated elsewhere); new messages are not retried, the pair finds them
    /// in the history. Default 30 s.</summary>
    public TimeSpan DeliveryRetryWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A flood wait of N seconds becomes a cooldown of N x this. Default 1.5 (Telegram lengthens waits for clients that retry at once).</summary>
    public double FloodWaitMultiplier { get; set; } = 1.5;

    /// <summary>Longest cooldown from the multiplier; never shorter than the flood wait itself. Default 6 hours.</summary>
    public TimeSpan MaxCooldown { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Longest a single Telegram request may take before it counts as failed. Default 30 s.</summary>
    public TimeSpan TelegramCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the grain checks its connection and cooldown and publishes its summary. Default 15 s.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an account that should run waits after an error before it reconnects by itself. Default 1 minute.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most new messages handed to a pair in one call when several waited while the pair was busy. Default 100.</summary>
    public int MaxDeliveryBatch { get; set; } = 100;

    /// <summary>Folder under which each account's session folder is restored while it runs. Default the temp folder's "cluster-sessions".</summary>
    public string SessionRoot { get; set; } = Path.Combine(Path.GetTempPath(), "cluster-sessions");

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public void Validate()
    {
        if (DefaultHourlySendLimit < 1) throw new ArgumentException($"{SectionName}:DefaultHourlySendLimit must be at least 1 (is {DefaultHourlySendLimit}).");
        if (DefaultDailySendLimit < DefaultHourlySendLimit) throw new ArgumentException($"{SectionName}:DefaultDailySendLimit ({DefaultDailySendLimit}) must not be below DefaultHourlySendLimit ({DefaultHourlySendLimit}).");
        if (SendCountReservation < 0) throw new ArgumentException($"{SectionName}:SendCountReservation must not be negative (is {SendCountReservation}).");
        if (DeliveryRetryWindow < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:DeliveryRetryWindow must not be negative (is {DeliveryRetryWindow}).");
        if (FloodWaitMultiplier < 1) throw new ArgumentException($"{SectionName}:FloodWaitMultiplier must be at least 1 (is {FloodWaitMultiplier}); a shorter cooldown than Telegram's wait only earns a longer one.");
        if (MaxCooldown <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:MaxCooldown must be positive (is {MaxCooldown}).");
        if (TelegramCallTimeout <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:TelegramCallTimeout must be positive (is {TelegramCallTimeout}).");
        if (HousekeepingInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:HousekeepingInterval must be positive (is {HousekeepingInterval}).");
        if (ReconnectDelay <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:ReconnectDelay must be positive (is {ReconnectDelay}).");
        if (MaxDeliveryBatch < 1) throw new ArgumentException($"{SectionName}:MaxDeliveryBatch must be at least 1 (is {MaxDeliveryBatch}).");
        if (string.IsNullOrWhiteSpace(SessionRoot)) throw new ArgumentException($"{SectionName}:SessionRoot must name a folder.");
    }
}
