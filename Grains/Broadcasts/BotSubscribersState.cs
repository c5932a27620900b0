namespace Cluster.Grains.Broadcasts;

/// <summary>One bucket of a bot's subscribers: user id to when they started and whether (since when) they blocked the bot.</summary>
public sealed class BotSubscribersState
{
    public Dictionary<long, SubscriberEntry> Users { get; set; } = [];

    /// <summary>The highest message id of the bot's private chats seen in this bucket's events.</summary>
    public long MaxMessageId { get; set; }
}

/// <summary>A subscriber: first seen, last seen (a /start or private message), and when a send got 403 "blocked" (null: reachable).</summary>
public sealed class SubscriberEntry
{
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public DateTimeOffset? BlockedAt { get; set; }
}
