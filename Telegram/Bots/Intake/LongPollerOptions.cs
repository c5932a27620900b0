using Telegram.Bot.Types.Enums;

namespace Cluster.Telegram.Bots.Intake;

/// <summary>Settings of <see cref="LongPoller"/>: how long each poll waits, which updates, how errors are waited out.</summary>
/// <remarks>Bound from a section such as "Telegram:Bot:Polling".</remarks>
public sealed class LongPollerOptions
{
    /// <summary>How long Telegram holds a getUpdates call open when there is nothing new (whole seconds, at most 50). Default: 25 s.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>At most this many updates per call (1-100). Default: 100.</summary>
    public int Limit { get; set; } = 100;

    /// <summary>The update kinds the product handles, chat_member included (Telegram leaves it out unless asked).</summary>
    public static IReadOnlyList<UpdateType> HandledUpdates { get; } =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.ChannelPost, UpdateType.EditedChannelPost, UpdateType.CallbackQuery,
         UpdateType.MyChatMember, UpdateType.ChatMember];

    /// <summary>The update kinds to receive (Telegram.Bot's <see cref="UpdateType"/> names, e.g. "ChatMember"); null means
    /// <see cref="HandledUpdates"/>. Default: null.</summary>
    public UpdateType[]? AllowedUpdates { get; set; }

    /// <summary>The first wait after a failed poll; doubles on each further failure. Default: 1 s.</summary>
    public TimeSpan ErrorDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between failed polls. Default: 30 s.</summary>
    public TimeSpan MaxErrorDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after a 409 (another poller or a webhook holds the bot). Default: 5 s.</summary>
    public TimeSpan ConflictDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times one update is handed to a failing handler before it is skipped with an error log. Default: 3.</summary>
    public int HandlerAttempts { get; set; } = 3;

    /// <summary>Checks every setting and names the first wrong one.</summary>
    public void Validate()
    {
        if (PollTimeout < TimeSpan.Zero || PollTimeout > TimeSpan.FromSeconds(50))
            throw new ArgumentException($"LongPollerOptions.PollTimeout must be between 0 and 50 s, got {PollTimeout}.");
        if (Limit is < 1 or > 100)
            throw new ArgumentException($"LongPollerOptions.Limit must be between 1 and 100, got {Limit}.");
        if (ErrorDelay <= TimeSpan.Zero || MaxErrorDelay < ErrorDelay)
            throw new ArgumentException($"LongPollerOptions.ErrorDelay must be positive and not above MaxErrorDelay, got {ErrorDelay} and {MaxErrorDelay}.");
        if (ConflictDelay <= TimeSpan.Zero)
            throw new ArgumentException($"LongPollerOptions.ConflictDelay must be positive, got {ConflictDelay}.");
        if (HandlerAttempts < 1)
            throw new ArgumentException($"LongPollerOptions.HandlerAttempts must be at least 1, got {HandlerAttempts}.");
    }
}
