namespace Cluster.TelegramSim.World;

/// <summary>The mutable state of one chat (group, supergroup, channel, or a private dialog between two
/// users). Only touched under the world lock. Message ids are 1..n with deleted ones kept as tombstones, except in a private
/// dialog with a bot, whose ids come from the bot's own counter (<see cref="Box"/>): increasing, with gaps.</summary>
internal sealed class SimChat
{
    public required long Id { get; init; }
    public required SimChatType Type { get; init; }
    public required string Title { get; set; }
    public string? Username { get; set; }
    public string? Description { get; set; }
    public long? LinkedChatId { get; set; }
    public SimPermissions Permissions { get; set; } = SimPermissions.GroupDefault;
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The two users of a private dialog (PeerA &lt; PeerB).</summary>
    public long PeerA { get; init; }
    public long PeerB { get; init; }

    public Dictionary<long, SimMember> Members { get; } = [];

    /// <summary>Bots and accounts currently in the chat: the only users that updates are delivered to.</summary>
    public HashSet<long> Observers { get; } = [];

    public List<SimMessage> Messages { get; } = [];

    /// <summary>The bot of a private dialog with a bot, whose counter numbers its messages; null for every other chat.</summary>
    public SimBot? Box { get; init; }

    private readonly Dictionary<long, int> _indexById = [];

    /// <summary>The id of the next message: the chat's next number, or the bot's next one in a dialog with a bot.</summary>
    public long AllocateMessageId() => Box is { } bot ? ++bot.LastBoxMessageId : Messages.Count + 1;

    public void Add(SimMessage message)
    {
        if (Box is not null) _indexById[message.Id] = Messages.Count;
        Messages.Add(message);
    }

    public bool IsPrivate => Type == SimChatType.Private;

    public bool IsBroadcastOrGroup => Type != SimChatType.Private;

    public SimMessage? Get(long messageId) => Box is null
        ? messageId >= 1 && messageId <= Messages.Count ? Messages[(int)(messageId - 1)] : null
        : _indexById.TryGetValue(messageId, out var i) ? Messages[i] : null;

    public SimMessage? GetLive(long messageId) => Get(messageId) is { IsDeleted: false } m ? m : null;

    public void Replace(SimMessage message) => Messages[Box is null ? (int)(message.Id - 1) : _indexById[message.Id]] = message;

    /// <summary>The peer of <paramref name="userId"/> in a private dialog.</summary>
    public long PeerOf(long userId) => userId == PeerA ? PeerB : PeerA;

    public int CountInChat() => IsPrivate ? 2 : Members.Values.Count(m => m.IsInChat);

    public SimChatInfo Snapshot() => new(Id, Type, Title, Username, Description, LinkedChatId, Permissions,
        CountInChat(), Messages.Count, IsPrivate ? PeerA : null, IsPrivate ? PeerB : null);
}
