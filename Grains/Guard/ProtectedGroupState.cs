using Cluster.Grains.Abstractions.Guard;

namespace Cluster.Grains.Guard;

/// <summary>A protected group's configuration and the members it muted: everything members depend on survives restart and failover.</summary>
/// <remarks>Membership answers and the message budgets are in memory only: they are cheap to ask again, and a restart that forgets
/// a budget can at worst post a few messages early (still under Telegram's limits). Muted members waiting for a prompt are kept.</remarks>
public sealed class ProtectedGroupState
{
    public string? BotKey { get; set; }
    public bool Enabled { get; set; }
    public string? Title { get; set; }
    public GuardSettings Settings { get; set; } = new();
    public List<LinkedChannel> Channels { get; set; } = [];
    public List<long> AllowList { get; set; } = [];
    public Dictionary<long, MutedMember> Muted { get; set; } = [];
    /// <summary>Members found subscribed to every active linked channel at their latest check (counted by /groups).</summary>
    public HashSet<long> Verified { get; set; } = [];
    public List<PendingDeletion> PendingDeletions { get; set; } = [];
    public List<PendingPrompt> PendingPrompts { get; set; } = [];
    public long MutedCount { get; set; }
    public long UnmutedCount { get; set; }
    public long MessagesDeleted { get; set; }
    public long WarningsSent { get; set; }
    public long WarningsSuppressed { get; set; }
    public long JoinPromptsSent { get; set; }

    /// <summary>The newest message of the group the bot acted on (a command answered, a message deleted): repeats are skipped.</summary>
    public long LastActedMessageId { get; set; }
}
