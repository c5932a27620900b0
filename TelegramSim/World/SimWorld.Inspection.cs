namespace Cluster.TelegramSim.World;

// Read-only views for tests, the control API and the traffic generator.
public sealed partial class SimWorld
{
    private SimBotInfo BotInfo(SimBot bot) => new(bot.User.Id, bot.User.Username!, bot.Token, bot.WebhookUrl,
        bot.AllowedUpdates?.Order(StringComparer.Ordinal).ToList(), bot.Pending.Count, bot.PrivacyMode, bot.Commands.ToList(), bot.NextUpdateId);

    private SimAccountInfo AccountInfo(SimAccount a)
    {
        var accounts = _options.Accounts;
        var live = _connections.Values.Count(c => c.UserId == a.UserId && c.Stage == ConnectionStage.Ready
                                                  && c.IsLive(Now, accounts.ConnectionLivenessWindow, accounts.PollGapWindow));
        return new SimAccountInfo(a.UserId, a.Phone, a.LoginCode, a.Password is not null, a.Banned, a.Sessions.Count, live);
    }

    /// <summary>A bot by user id.</summary>
    public SimBotInfo GetBot(long botUserId)
    {
        lock (_sync) return BotInfo(BotOrThrow(botUserId));
    }

    /// <summary>Every bot.</summary>
    public IReadOnlyList<SimBotInfo> GetBots()
    {
        lock (_sync) return _bots.Values.Select(BotInfo).ToList();
    }

    /// <summary>An account by user id.</summary>
    public SimAccountInfo GetAccount(long userId)
    {
        lock (_sync) return AccountInfo(AccountOrThrow(userId));
    }

    /// <summary>An account by phone number, or null.</summary>
    public SimAccountInfo? FindAccountByPhone(string phoneNumber)
    {
        lock (_sync) return _phones.TryGetValue(NormalizePhone(phoneNumber), out var id) ? AccountInfo(_accounts[id]) : null;
    }

    /// <summary>Every account.</summary>
    public IReadOnlyList<SimAccountInfo> GetAccounts()
    {
        lock (_sync) return _accounts.Values.Select(AccountInfo).ToList();
    }

    /// <summary>Every user (bots included).</summary>
    public IReadOnlyList<SimUser> GetUsers()
    {
        lock (_sync) return _users.Values.ToList();
    }

    /// <summary>A group, supergroup or channel.</summary>
    public SimChatInfo GetChat(long chatId)
    {
        lock (_sync) return ChatOrThrow(chatId).Snapshot();
    }

    /// <summary>Every group, supergroup and channel.</summary>
    public IReadOnlyList<SimChatInfo> GetChats()
    {
        lock (_sync) return _chats.Values.Where(c => !c.IsPrivate).Select(c => c.Snapshot()).ToList();
    }

    /// <summary>An account's update stream as buffered (what its clients can still fetch).</summary>
    public IReadOnlyList<SimAccountEvent> GetAccountEvents(long userId)
    {
        lock (_sync) return AccountOrThrow(userId).Events.ToList();
    }

    /// <summary>Sets an account's log-in code or 2FA password (null removes the password).</summary>
    public void SetAccountCredentials(long userId, string? loginCode = null, string? password = null, bool changePassword = false)
    {
        lock (_sync)
        {
            var a = AccountOrThrow(userId);
            if (loginCode is not null) a.LoginCode = loginCode;
            if (changePassword) a.Password = password;
        }
    }

    /// <summary>Expires the account's current log-in code: submitting it answers PHONE_CODE_EXPIRED until the phone number
    /// is submitted again (which "sends" a new code).</summary>
    public void ExpireLoginCode(long userId)
    {
        lock (_sync) AccountOrThrow(userId).LoginCodeExpired = true;
    }

    /// <summary>A message as a viewer sees it (chat id = peer user id for private chats), or null.</summary>
    internal SimMessage? FindMessageForViewer(long viewerId, long chatId, long messageId)
    {
        lock (_sync)
        {
            SimChat? chat = chatId > 0 ? (_users.ContainsKey(chatId) && chatId != viewerId ? Dialog(viewerId, chatId) : null) : _chats.GetValueOrDefault(chatId);
            return chat?.Get(messageId) is { } m ? ViewFor(chat, m, viewerId) : null;
        }
    }

    /// <summary>A group or channel snapshot, or null.</summary>
    internal SimChatInfo? FindChat(long chatId)
    {
        lock (_sync) return _chats.TryGetValue(chatId, out var c) && !c.IsPrivate ? c.Snapshot() : null;
    }

    /// <summary>An invite link by its URL, or null.</summary>
    internal SimInviteLink? FindInvite(string? url)
    {
        if (url is null) return null;
        lock (_sync) return TryInviteHash(url, out var hash) ? _invites.GetValueOrDefault(hash) : null;
    }

    /// <summary>Every message <paramref name="botUserId"/> sent in its private chats (with deleted ones), by user, oldest first:
    /// what each user received from the bot.</summary>
    public IReadOnlyList<SimBotPrivateMessage> GetBotPrivateMessages(long botUserId)
    {
        lock (_sync)
        {
            BotOrThrow(botUserId);
            return _dialogs.Values.Where(d => d.PeerA == botUserId || d.PeerB == botUserId)
                .SelectMany(d => d.Messages.Where(m => m.SenderUserId == botUserId)
                    .Select(m => new SimBotPrivateMessage(d.PeerOf(botUserId), m.Id, m.Date, m.Text, m.IsDeleted)))
                .OrderBy(m => m.Date).ThenBy(m => m.UserId).ToList();
        }
    }
}
