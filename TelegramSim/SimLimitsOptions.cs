namespace Cluster.TelegramSim;

/// <summary>Telegram's flood limits as the simulator enforces them. Every limit can be changed, and
/// <see cref="Enabled"/> = false turns them all off (throughput benchmarks).</summary>
public sealed class SimLimitsOptions
{
    /// <summary>Whether any rate limit is enforced. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages one bot may send per second over all chats. Default 30.</summary>
    public int BotMessagesPerSecond { get; set; } = 30;

    /// <summary>Messages one bot may send per second over all chats with allow_paid_broadcast (paid broadcasts; they are counted
    /// apart from the free ones). Default 1000, Telegram's figure.</summary>
    public int BotPaidBroadcastMessagesPerSecond { get; set; } = 1000;

    /// <summary>Messages one bot may send per second into one private chat. Default 1.</summary>
    public int BotPrivateChatMessagesPerSecond { get; set; } = 1;

    /// <summary>Messages one bot may send per minute into one group, supergroup or channel. Default 20.</summary>
    public int BotGroupMessagesPerMinute { get; set; } = 20;

    /// <summary>Messages one account may send within <see cref="AccountFloodWindow"/> before FLOOD_WAIT. Default 20.</summary>
    public int AccountMessagesPerWindow { get; set; } = 20;

    /// <summary>The sliding window of <see cref="AccountMessagesPerWindow"/>. Default 10 s.</summary>
    public TimeSpan AccountFloodWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Private messages one account may send to users it never talked with, within
    /// <see cref="StrangerWindow"/>, before PEER_FLOOD. Default 10.</summary>
    public int StrangerMessagesPerWindow { get; set; } = 10;

    /// <summary>The sliding window of <see cref="StrangerMessagesPerWindow"/>. Default 1 day.</summary>
    public TimeSpan StrangerWindow { get; set; } = TimeSpan.FromDays(1);

    internal void Validate()
    {
        if (BotMessagesPerSecond < 1) throw new ArgumentException("Limits.BotMessagesPerSecond must be at least 1.");
        if (BotPaidBroadcastMessagesPerSecond < 1) throw new ArgumentException("Limits.BotPaidBroadcastMessagesPerSecond must be at least 1.");
        if (BotPrivateChatMessagesPerSecond < 1) throw new ArgumentException("Limits.BotPrivateChatMessagesPerSecond must be at least 1.");
        if (BotGroupMessagesPerMinute < 1) throw new ArgumentException("Limits.BotGroupMessagesPerMinute must be at least 1.");
        if (AccountMessagesPerWindow < 1) throw new ArgumentException("Limits.AccountMessagesPerWindow must be at least 1.");
        if (AccountFloodWindow <= TimeSpan.Zero) throw new ArgumentException("Limits.AccountFloodWindow must be positive.");
        if (StrangerMessagesPerWindow < 1) throw new ArgumentException("Limits.StrangerMessagesPerWindow must be at least 1.");
        if (StrangerWindow <= TimeSpan.Zero) throw new ArgumentException("Limits.StrangerWindow must be positive.");
    }
}
