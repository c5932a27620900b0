using System.Security.Cryptography;

namespace Cluster.TelegramSim.World;

/// <summary>The simulated Telegram: users, accounts, bots, chats, membership and messages, with the
/// delivery rules that decide which bot and which account sees what. Thread-safe: one lock guards the
/// whole world and every public member returns immutable snapshots.</summary>
public sealed partial class SimWorld
{
    private const long FirstUserId = 100_000_001;
    private const long FirstBotId = 7_000_000_001;
    private const long FirstChannelId = -1_001_000_000_001;
    private const long FirstGroupId = -4_000_000_001;
    private const long FirstDialogId = 900_000_000_000_001;

    private readonly Lock _sync = new();
    private readonly TelegramSimulatorOptions _options;
    private readonly TimeProvider _time;

    private readonly Dictionary<long, SimUser> _users = [];
    private readonly Dictionary<string, long> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, SimAccount> _accounts = [];
    private readonly Dictionary<string, long> _phones = [];
    private readonly Dictionary<long, SimBot> _bots = [];
    private readonly Dictionary<string, SimBot> _botsByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SimChat> _chats = [];
    private readonly Dictionary<(long, long), SimChat> _dialogs = [];
    private readonly Dictionary<long, long> _migratedGroups = [];
    private readonly Dictionary<string, SimInviteLink> _invites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimMedia> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _fileContents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _filePaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _filesByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimCallbackQuery> _callbacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimCallbackAnswer> _callbackAnswers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<(long Bot, long Chat), SlidingWindow> _botChatWindows = [];
    private readonly Dictionary<long, SlidingWindow> _botWindows = [];
    private readonly Dictionary<long, SlidingWindow> _botPaidWindows = [];
    private readonly List<SimDelivery> _deliveries = [];

    private long _nextUserId = FirstUserId;
    private long _nextBotId = FirstBotId;
    private long _nextChannelId = FirstChannelId;
    private long _nextGroupId = FirstGroupId;
    private long _nextDialogId = FirstDialogId;
    private long _nextMediaGroupId = 13_000_000_000_000_001;
    private long _nextCallbackId = 4_000_000_000_000_001;

    public SimWorld(TelegramSimulatorOptions? options = null)
    {
        _options = options ?? new TelegramSimulatorOptions();
        _time = _options.TimeProvider;
    }

    /// <summary>The options this world runs with (limits may be changed at run time through <see cref="Options"/>.Limits).</summary>
    public TelegramSimulatorOptions Options => _options;

    /// <summary>The world's clock.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    internal TimeProvider Time => _time;

    // ---- lookups (callers hold the lock) ----

    private SimUser UserOrThrow(long userId) => _users.TryGetValue(userId, out var u) ? u : throw SimErrors.UserNotFound();

    private SimBot BotOrThrow(long botUserId) =>
        _bots.TryGetValue(botUserId, out var b) ? b : throw new ArgumentException($"No bot with user id {botUserId}.");

    private SimAccount AccountOrThrow(long userId) =>
        _accounts.TryGetValue(userId, out var a) ? a : throw new ArgumentException($"No account with user id {userId}.");

    private SimChat ChatOrThrow(long chatId) =>
        _chats.TryGetValue(chatId, out var c) && !c.IsPrivate ? c : throw SimErrors.ChatNotFound();

    /// <summary>The chat a user means by <paramref name="chatId"/>: a group or channel id, or a user id for
    /// the private dialog with that user (created on first use).</summary>
    private SimChat ChatForViewer(long viewerId, long chatId)
    {
        if (chatId > 0)
        {
            if (!_users.ContainsKey(chatId) || chatId == viewerId) throw SimErrors.ChatNotFound();
            return Dialog(viewerId, chatId);
        }
        return ChatOrThrow(chatId);
    }

    private SimChat Dialog(long a, long b)
    {
        var key = a < b ? (a, b) : (b, a);
        if (_dialogs.TryGetValue(key, out var chat)) return chat;
        chat = new SimChat
        {
            Id = _nextDialogId++,
            Type = SimChatType.Private,
            Title = "",
            PeerA = key.Item1,
            PeerB = key.Item2,
            CreatedAt = Now,
            Box = _bots.TryGetValue(key.Item1, out var botA) ? botA : _bots.GetValueOrDefault(key.Item2),
        };
        foreach (var peer in new[] { key.Item1, key.Item2 })
        {
            chat.Members[peer] = new SimMember(chat.Id, peer, SimMemberStatus.Member, Now);
            if (IsObserver(peer)) chat.Observers.Add(peer);
        }
        _dialogs[key] = chat;
        _chats[chat.Id] = chat;
        return chat;
    }

    /// <summary>The chat id a viewer uses for a chat: the peer's user id for private dialogs.</summary>
    private static long ChatIdFor(SimChat chat, long viewerId) => chat.IsPrivate ? chat.PeerOf(viewerId) : chat.Id;

    private bool IsObserver(long userId) => _bots.ContainsKey(userId) || _accounts.ContainsKey(userId);

    private SimMember MemberOf(SimChat chat, long userId)
    {
        if (!chat.Members.TryGetValue(userId, out var m)) return SimMember.NotInChat(chat.Id, userId, Now);
        // Restrictions and bans end by themselves at until_date, as in Telegram.
        if (m.UntilDate is { } until && until <= Now)
        {
            if (m.Status == SimMemberStatus.Restricted)
            {
                var lifted = m with { Status = m.IsMember ? SimMemberStatus.Member : SimMemberStatus.Left, Permissions = null, UntilDate = null, Since = until };
                chat.Members[userId] = lifted;
                return lifted;
            }
            if (m.Status == SimMemberStatus.Kicked)
            {
                var lifted = m with { Status = SimMemberStatus.Left, UntilDate = null, Since = until };
                chat.Members[userId] = lifted;
                return lifted;
            }
        }
        return m;
    }

    private string NewFileId(SimMediaKind kind)
    {
        var prefix = kind switch
        {
            SimMediaKind.Photo => "AgACAgIAAxkBAA",
            SimMediaKind.Video => "BAACAgIAAxkBAA",
            SimMediaKind.Document => "BQACAgIAAxkBAA",
            SimMediaKind.Audio => "CQACAgIAAxkBAA",
            SimMediaKind.Voice => "AwACAgIAAxkBAA",
            SimMediaKind.Animation => "CgACAgIAAxkBAA",
            SimMediaKind.Sticker => "CAACAgIAAxkBAA",
            _ => "DQACAgIAAxkBAA",
        };
        return prefix + RandomToken(24);
    }

    internal static string RandomToken(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    private string NewMediaGroupId() => (_nextMediaGroupId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
