namespace Cluster.TelegramSim.World;

/// <summary>The mutable state of one bot: token, delivery mode (polling or webhook), its queue of
/// pending updates, and who started or blocked it. Only touched under the world lock.</summary>
internal sealed class SimBot
{
    public required SimUser User { get; init; }
    public required string Token { get; init; }

    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    public int WebhookMaxConnections { get; set; } = 40;
    public DateTimeOffset? LastWebhookErrorDate { get; set; }
    public string? LastWebhookErrorMessage { get; set; }

    /// <summary>The update kinds the bot asked for; null = <see cref="SimUpdateKinds.Default"/>.</summary>
    public HashSet<string>? AllowedUpdates { get; set; }

    /// <summary>The bot's own message counter. As on Telegram, where every account (a bot too) numbers the messages of its
    /// private chats from one counter of its own, each message of a private chat with the bot takes the next id: ids grow
    /// across all of the bot's private chats in the order the messages were made (what a broadcast relies on to look for a
    /// send in doubt between two ids it knows).</summary>
    public long LastBoxMessageId { get; set; }

    public LinkedList<SimBotUpdate> Pending { get; } = new();
    public long NextUpdateId { get; set; } = 1;
    public long LastDeliveredUpdateId { get; set; }
    public AsyncSignal Signal { get; } = new();

    /// <summary>The getUpdates request in progress, preempted (409) by the next one.</summary>
    public BotPoll? ActivePoll { get; set; }

    public bool PrivacyMode { get; set; } = true;
    public bool CanJoinGroups { get; set; } = true;
    public List<SimBotCommand> Commands { get; } = [];
    public HashSet<long> StartedBy { get; } = [];
    public HashSet<long> BlockedBy { get; } = [];

    public bool Wants(string kind) => AllowedUpdates is null ? SimUpdateKinds.Default.Contains(kind) : AllowedUpdates.Contains(kind);
}
