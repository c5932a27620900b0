namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Holds the parts of an album until it is complete, so the port emits one
/// <see cref="NewMessagesUpdate"/> per album. TDLib reports each part as its own updateNewMessage;
/// there is no "last part" marker, so an album ends when something else arrives, when it reaches
/// Telegram's maximum of 10 parts, or after a quiet <c>delay</c> since its last part.</summary>
internal sealed class TdlibAlbumBuffer(TimeSpan delay)
{
    /// <summary>Telegram puts at most this many messages in one album.</summary>
    public const int MaxAlbumSize = 10;

    private readonly List<AccountMessage> parts = [];
    private DateTimeOffset lastPartAt;

    /// <summary>When the held album is due to be emitted; null when nothing is held.</summary>
    public DateTimeOffset? DueAt => parts.Count == 0 ? null : lastPartAt + delay;

    public bool IsEmpty => parts.Count == 0;

    /// <summary>Adds a new message; returns the updates to emit now, in order (a held album that this
    /// message does not belong to comes first).</summary>
    public IReadOnlyList<NewMessagesUpdate> Add(AccountMessage message, DateTimeOffset now)
    {
        var ready = new List<NewMessagesUpdate>(2);
        if (parts.Count > 0 && (message.MediaAlbumId == 0 || message.MediaAlbumId != parts[0].MediaAlbumId || message.ChatId != parts[0].ChatId))
        {
            ready.Add(TakeAll());
        }
        if (message.MediaAlbumId == 0)
        {
            ready.Add(new NewMessagesUpdate(message.ChatId, [message]));
            return ready;
        }
        parts.Add(message);
        lastPartAt = now;
        if (parts.Count >= MaxAlbumSize)
        {
            ready.Add(TakeAll());
        }
        return ready;
    }

    /// <summary>The held album if its quiet time has passed.</summary>
    public NewMessagesUpdate? FlushIfDue(DateTimeOffset now) => DueAt is { } due && now >= due ? TakeAll() : null;

    /// <summary>The held album, whatever its age (before any other kind of update is emitted, to keep order).</summary>
    public NewMessagesUpdate? Flush() => parts.Count == 0 ? null : TakeAll();

    private NewMessagesUpdate TakeAll()
    {
        var ordered = parts.OrderBy(m => m.Id).ToList();
        parts.Clear();
        return new NewMessagesUpdate(ordered[0].ChatId, ordered);
    }
}
