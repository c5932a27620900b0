namespace Cluster.Grains.Guard;

/// <summary>Timings and limits of the membership guard (protected groups). Bound from <c>Cluster:Guard</c>.</summary>
/// <remarks>Validated at start; every error names its setting.</remarks>
public sealed class GuardOptions
{
    public const string SectionName = "Cluster:Guard";

    /// <summary>How long a "is subscribed" (or "is admin") answer is trusted before asking Telegram again. Default: 10 min.</summary>
    public TimeSpan PositiveCacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a "not subscribed" (or "not admin") answer is trusted. Default: 1 min.</summary>
    public TimeSpan NegativeCacheTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Each TTL is spread by up to this fraction either way, so answers cached together do not expire together. Default: 0.15.</summary>
    public double CacheTtlJitter { get; set; } = 0.15;

    /// <summary>The most membership answers one group keeps; expired ones are dropped first when it is full. Default: 50,000.</summary>
    public int CacheCapacity { get; set; } = 50_000;

    /// <summary>At most this many warnings (about deleted messages) per group within <see cref="WarningWindow"/>. Default: 5.</summary>
    public int WarningsPerWindow { get; set; } = 5;

    /// <summary>The window of <see cref="WarningsPerWindow"/>. Default: 1 min.</summary>
    public TimeSpan WarningWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>One user is warned at most once within this time, however many messages they send. Default: 30 s.</summary>
    public TimeSpan WarningUserCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many join prompts per group within <see cref="JoinPromptWindow"/>; joiners muted meanwhile are named
    /// together in the next prompt. With <see cref="WarningsPerWindow"/> it stays under Telegram's 20 messages/min per group. Default: 6.</summary>
    public int JoinPromptsPerWindow { get; set; } = 6;

    /// <summary>The window of <see cref="JoinPromptsPerWindow"/>. Default: 1 min.</summary>
    public TimeSpan JoinPromptWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many members one join prompt names before it says "and N others". Default: 10.</summary>
    public int JoinPromptMaxNames { get; set; } = 10;

    /// <summary>How often a group with joiners waiting for a prompt checks whether its prompt budget has room. Default: 1 s.</summary>
    public TimeSpan JoinPromptCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a group looks for warnings due for deletion. Default: 5 s.</summary>
    public TimeSpan DeletionSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a protected group pushes changed counts (muted, verified) to the guard registry for /groups. Default: 10 s.</summary>
    public TimeSpan RegistryPublishInterval { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (PositiveCacheTtl <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:PositiveCacheTtl must be positive, got {PositiveCacheTtl}.");
        if (NegativeCacheTtl <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:NegativeCacheTtl must be positive, got {NegativeCacheTtl}.");
        if (CacheTtlJitter is < 0 or >= 1) throw new ArgumentException($"{SectionName}:CacheTtlJitter must be in [0, 1), got {CacheTtlJitter}.");
        if (CacheCapacity < 1) throw new ArgumentException($"{SectionName}:CacheCapacity must be at least 1, got {CacheCapacity}.");
        if (WarningsPerWindow < 1) throw new ArgumentException($"{SectionName}:WarningsPerWindow must be at least 1, got {WarningsPerWindow}.");
        if (WarningWindow <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:WarningWindow must be positive, got {WarningWindow}.");
        if (WarningUserCooldown < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:WarningUserCooldown must not be negative, got {WarningUserCooldown}.");
        if (JoinPromptsPerWindow < 1) throw new ArgumentException($"{SectionName}:JoinPromptsPerWindow must be at least 1, got {JoinPromptsPerWindow}.");
        if (JoinPromptWindow <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:JoinPromptWindow must be positive, got {JoinPromptWindow}.");
        if (JoinPromptMaxNames < 1) throw new ArgumentException($"{SectionName}:JoinPromptMaxNames must be at least 1, got {JoinPromptMaxNames}.");
        if (JoinPromptCheckInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:JoinPromptCheckInterval must be positive, got {JoinPromptCheckInterval}.");
        if (RegistryPublishInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:RegistryPublishInterval must be positive, got {RegistryPublishInterval}.");
        if (DeletionSweepInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:DeletionSweepInterval must be positive, got {DeletionSweepInterval}.");
    }
}
