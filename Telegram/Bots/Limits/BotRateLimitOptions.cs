namespace Cluster.Telegram.Bots.Limits;

/// <summary>Telegram's outgoing message limits, enforced by the client before a request leaves, and how 429 answers are handled.</summary>
/// <remarks>Defaults follow core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this: about 30 messages/s per bot,
/// 1 message/s per private chat, 20 messages/min per group or channel; paid broadcasts allow up to 1000/s.</remarks>
public sealed class BotRateLimitOptions
{
    /// <summary>Whether limits are enforced at all (turn off only against a server without limits). Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages per second for the whole bot: at most this many (rounded down) in any second. Default: 30.</summary>
    public double MessagesPerSecond { get; set; } = 30;

    /// <summary>The share of the bot-wide limit that may leave at once; the rest is spread evenly, which keeps answers fast.
    /// Default: 0.1 (3 at once at 30/s).</summary>
    public double BurstFraction { get; set; } = 0.1;

    /// <summary>Messages per second to one private chat (positive chat id). Default: 1.</summary>
    public int PrivateChatMessagesPerSecond { get; set; } = 1;

    /// <summary>Messages per minute to one group, supergroup or channel (negative id or @username); bursts up to this count are allowed. Default: 20.</summary>
    public int GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>When set, the bot-wide rate for paid broadcasts (sends then carry allow_paid_broadcast and cost Stars). Default: null (off).</summary>
    public double? PaidBroadcastMessagesPerSecond { get; set; }

    /// <summary>Extra time added to every limit's window, for a server that counts more strictly than Telegram says. Sends already
    /// count from departure until their answer, so network delay needs no margin. Default: 0.</summary>
    public TimeSpan WindowMargin { get; set; } = TimeSpan.Zero;

    /// <summary>How many times a request answered with 429 is retried after waiting retry_after. Default: 3.</summary>
    public int MaxRetriesOn429 { get; set; } = 3;

    /// <summary>The wait used when a 429 carries retry_after 0 or none, so a retry never hammers the server. Default: 1 s.</summary>
    public TimeSpan MinRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry_after the client waits out itself; a longer one pauses the chat and is surfaced as TooManyRequestsException. Default: 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a 429 pauses every send of the bot rather than only sends to the chat that got it. Default: false.</summary>
    public bool PauseWholeBotOn429 { get; set; }

    /// <summary>The bot-wide rate in force: the paid broadcast rate when set, else <see cref="MessagesPerSecond"/>.</summary>
    public double EffectiveMessagesPerSecond => PaidBroadcastMessagesPerSecond ?? MessagesPerSecond;

    /// <summary>Checks every setting and names the first wrong one.</summary>
    public void Validate()
    {
        if (!(MessagesPerSecond > 0))
            throw new ArgumentException($"BotRateLimitOptions.MessagesPerSecond must be positive, got {MessagesPerSecond}.");
        if (!(BurstFraction is >= 0 and <= 1))
            throw new ArgumentException($"BotRateLimitOptions.BurstFraction must be between 0 and 1, got {BurstFraction}.");
        if (PrivateChatMessagesPerSecond <= 0)
            throw new ArgumentException($"BotRateLimitOptions.PrivateChatMessagesPerSecond must be positive, got {PrivateChatMessagesPerSecond}.");
        if (GroupMessagesPerMinute <= 0)
            throw new ArgumentException($"BotRateLimitOptions.GroupMessagesPerMinute must be positive, got {GroupMessagesPerMinute}.");
        if (PaidBroadcastMessagesPerSecond is { } paid && !(paid > 0))
            throw new ArgumentException($"BotRateLimitOptions.PaidBroadcastMessagesPerSecond must be positive when set, got {paid}.");
        if (WindowMargin < TimeSpan.Zero)
            throw new ArgumentException($"BotRateLimitOptions.WindowMargin must not be negative, got {WindowMargin}.");
        if (MaxRetriesOn429 < 0)
            throw new ArgumentException($"BotRateLimitOptions.MaxRetriesOn429 must not be negative, got {MaxRetriesOn429}.");
        if (MinRetryAfter <= TimeSpan.Zero)
            throw new ArgumentException($"BotRateLimitOptions.MinRetryAfter must be positive, got {MinRetryAfter}.");
        if (MaxRetryAfter < MinRetryAfter)
            throw new ArgumentException($"BotRateLimitOptions.MaxRetryAfter must be at least MinRetryAfter ({MinRetryAfter}), got {MaxRetryAfter}.");
    }
}
