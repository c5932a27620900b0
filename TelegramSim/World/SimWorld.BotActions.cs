namespace Cluster.TelegramSim.World;

// What a bot does through the Bot API: send, copy, forward, edit, delete, answer buttons, read chats.
public sealed partial class SimWorld
{
    /// <summary>The bot behind a token, or null (the Bot API answers 401 Unauthorized).</summary>
    public SimBotInfo? FindBotByToken(string token)
    {
        lock (_sync) return _botsByToken.TryGetValue(token, out var bot) ? BotInfo(bot) : null;
    }

    internal SimUser GetUser(long userId)
    {
        lock (_sync) return UserOrThrow(userId);
    }

    /// <summary>A user by id, or null.</summary>
    public SimUser? FindUser(long userId)
    {
        lock (_sync) return _users.GetValueOrDefault(userId);
    }

    /// <summary>A user or chat id by username (without '@'), or null.</summary>
    public long? FindByUsername(string username)
    {
        lock (_sync) return _usernames.TryGetValue(username.TrimStart('@'), out var id) ? id : null;
    }

    /// <summary>Resolves a Bot API chat_id ("@username" or a number) for a bot.</summary>
    private SimChat ChatForBot(long botUserId, string chatRef)
    {
        if (string.IsNullOrWhiteSpace(chatRef)) throw SimErrors.BadRequest("chat_id is empty");
        if (chatRef[0] == '@')
        {
            if (!_usernames.TryGetValue(chatRef[1..], out var id) || id > 0) throw SimErrors.ChatNotFound();
            return ChatOrThrow(id);
        }
        if (!long.TryParse(chatRef, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var chatId))
            throw SimErrors.ChatNotFound();
        if (_migratedGroups.TryGetValue(chatId, out var supergroupId)) throw SimErrors.GroupUpgraded(supergroupId);
        var chat = ChatForViewer(botUserId, chatId);
        if (!chat.IsPrivate && !chat.Members.ContainsKey(botUserId) && chat.Username is null) throw SimErrors.ChatNotFound();
        return chat;
    }

    /// <summary>getChat as a bot: the chat and, for a private chat, the user it is with.</summary>
    internal (SimChatInfo Chat, SimUser? Peer) BotGetChat(long botUserId, string chatRef)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.IsPrivate) return (chat.Snapshot() with { Id = chat.PeerOf(botUserId) }, _users[chat.PeerOf(botUserId)]);
            var self = MemberOf(chat, botUserId);
            if (self.Status == SimMemberStatus.Kicked) throw SimErrors.Kicked(chat.Type);
            return (chat.Snapshot(), null);
        }
    }

    /// <summary>Checks that a bot may post this kind of message in the chat, with Telegram's exact refusals.</summary>
    private void CheckBotCanSend(SimBot bot, SimChat chat, SimMediaKind? media)
    {
        var botId = bot.User.Id;
        if (chat.IsPrivate)
        {
            var peer = chat.PeerOf(botId);
            if (_bots.ContainsKey(peer)) throw SimErrors.BotToBot();
            if (bot.BlockedBy.Contains(peer)) throw SimErrors.BlockedByUser();
            if (!bot.StartedBy.Contains(peer)) throw SimErrors.CantInitiate();
            return;
        }
        var m = MemberOf(chat, botId);
        if (m.Status == SimMemberStatus.Kicked) throw SimErrors.Kicked(chat.Type);
        if (!m.IsInChat) throw SimErrors.NotMember(chat.Type);
        if (chat.Type == SimChatType.Channel)
        {
            if (m.EffectiveRights is not { CanPostMessages: true }) throw SimErrors.NeedChannelAdmin();
            return;
        }
        if (m.IsAdmin) return;
        var allowed = m.Status == SimMemberStatus.Restricted ? (m.Permissions ?? SimPermissions.Muted).Intersect(chat.Permissions) : chat.Permissions;
        if (!allowed.Allows(media)) throw SimErrors.NotEnoughRightsToSend(media);
    }

    /// <summary>Telegram's bot flood limits: about 30 messages/s overall, 1/s per private chat, 20/min per group.</summary>
    private void CheckBotRate(SimBot bot, SimChat chat, int messages, bool paidBroadcast = false)
    {
        var limits = _options.Limits;
        if (!limits.Enabled) return;
        var now = Now;
        // Paid broadcasts (allow_paid_broadcast) have their own, higher bot-wide limit.
        var windows = paidBroadcast ? _botPaidWindows : _botWindows;
        var botLimit = paidBroadcast ? limits.BotPaidBroadcastMessagesPerSecond : limits.BotMessagesPerSecond;
        if (!windows.TryGetValue(bot.User.Id, out var global)) windows[bot.User.Id] = global = new SlidingWindow();
        var key = (bot.User.Id, chat.Id);
        if (!_botChatWindows.TryGetValue(key, out var perChat)) _botChatWindows[key] = perChat = new SlidingWindow();
        var (chatLimit, chatWindow) = chat.IsPrivate
            ? (limits.BotPrivateChatMessagesPerSecond, TimeSpan.FromSeconds(1))
            : (limits.BotGroupMessagesPerMinute, TimeSpan.FromMinutes(1));
        // An album is one request for the per-chat limit but counts every message toward the bot's total.
        if (!perChat.CanAdd(now, chatLimit, chatWindow, 1, out var chatRetry)) throw SimErrors.TooManyRequests(chatRetry);
        if (!global.CanAdd(now, botLimit, TimeSpan.FromSeconds(1), Math.Min(messages, botLimit), out var botRetry))
            throw SimErrors.TooManyRequests(botRetry);
        perChat.Add(now, 1);
        global.Add(now, messages);
    }

    private void CheckReply(SimChat chat, long? replyTo)
    {
        if (replyTo is { } r && chat.GetLive(r) is null) throw SimErrors.ReplyNotFound();
    }

    /// <summary>sendMessage / sendPhoto / ... / sendMediaGroup as a bot.</summary>
    internal IReadOnlyList<SimMessage> BotSend(long botUserId, string chatRef, IReadOnlyList<SimOutgoingMessage> items, bool asAlbum, bool paidBroadcast = false)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            var chat = ChatForBot(botUserId, chatRef);
            foreach (var kind in items.Select(i => i.Media?.Kind).Distinct()) CheckBotCanSend(bot, chat, kind);
            CheckReply(chat, items[0].ReplyToMessageId);
            var drafts = Drafts(items, asAlbum);
            CheckBotRate(bot, chat, items.Count, paidBroadcast);
            var stored = AppendCore(chat, SimSender.For(chat, botUserId), drafts);
            return stored.Select(m => ViewFor(chat, m, botUserId)).ToList();
        }
    }

    /// <summary>forwardMessage(s) / copyMessage(s) as a bot. Missing source messages are skipped for the
    /// plural methods and refused for the singular ones.</summary>
    internal IReadOnlyList<SimMessage> BotForward(long botUserId, string toChatRef, string fromChatRef, IReadOnlyList<long> messageIds, bool copy,
        bool single, (string? Text, IReadOnlyList<SimEntity> Entities)? caption, bool removeCaption, SimInlineKeyboard? markup)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            var from = ChatForBot(botUserId, fromChatRef);
            if (!from.IsPrivate && !MemberOf(from, botUserId).IsInChat && from.Username is null) throw SimErrors.ChatNotFound();
            var to = ChatForBot(botUserId, toChatRef);
            var sources = new List<SimMessage>();
            foreach (var id in messageIds)
            {
                var src = from.GetLive(id);
                if (src is null || src.IsService)
                {
                    if (single) throw src is null ? (copy ? SimErrors.MessageToCopyNotFound() : SimErrors.MessageToForwardNotFound()) : SimErrors.MessageCantBeCopied();
                    continue;
                }
                sources.Add(src);
            }
            if (sources.Count == 0) throw copy ? SimErrors.MessageToCopyNotFound() : SimErrors.MessageToForwardNotFound();
            foreach (var kind in sources.Select(s => s.Media?.Kind).Distinct()) CheckBotCanSend(bot, to, kind);
            var captions = caption is { } c && copy ? sources.ToDictionary(s => s.Id, _ => c) : null;
            var drafts = ForwardDrafts(from, sources, copy, captions, removeCaption, markup);
            CheckBotRate(bot, to, drafts.Count);
            var stored = AppendCore(to, SimSender.For(to, botUserId), drafts);
            return stored.Select(m => ViewFor(to, m, botUserId)).ToList();
        }
    }

    /// <summary>editMessageText / editMessageCaption / editMessageReplyMarkup as a bot.</summary>
    internal SimMessage BotEdit(long botUserId, string chatRef, long messageId, SimEditKind kind, string? text, IReadOnlyList<SimEntity>? entities, SimInlineKeyboard? markup)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            var m = chat.GetLive(messageId) ?? throw SimErrors.MessageToEditNotFound();
            var self = chat.IsPrivate ? null : MemberOf(chat, botUserId);
            var mayEdit = m.AuthorUserId == botUserId || (chat.Type == SimChatType.Channel && self?.EffectiveRights is { CanEditMessages: true });
            if (!mayEdit || m.IsService || m.IsForwarded) throw SimErrors.MessageCantBeEdited();
            var edited = kind switch
            {
                SimEditKind.Text when m.Media is not null => throw SimErrors.NoTextToEdit(),
                SimEditKind.Text => string.IsNullOrEmpty(text) ? throw SimErrors.MessageTextEmpty()
                    : text.Length > MaxTextLength ? throw SimErrors.MessageTooLong()
                    : m with { Text = text, Entities = entities ?? [], ReplyMarkup = markup },
                SimEditKind.Caption when m.Media is null => throw SimErrors.NoCaptionToEdit(),
                SimEditKind.Caption => text is { Length: > MaxCaptionLength } ? throw SimErrors.CaptionTooLong()
                    : m with { Text = string.IsNullOrEmpty(text) ? null : text, Entities = entities ?? [], ReplyMarkup = markup },
                _ => m with { ReplyMarkup = markup },
            };
            if (edited.Text == m.Text && edited.Entities.SequenceEqual(m.Entities)
                && (edited.ReplyMarkup is null ? m.ReplyMarkup is null : edited.ReplyMarkup.SameAs(m.ReplyMarkup)))
                throw SimErrors.MessageNotModified();
            edited = edited with { EditDate = kind == SimEditKind.ReplyMarkup ? m.EditDate : Now };
            chat.Replace(edited);
            if (kind != SimEditKind.ReplyMarkup) DispatchEdit(chat, edited);
            return ViewFor(chat, edited, botUserId);
        }
    }

    /// <summary>deleteMessage(s) as a bot: its own messages, any message in a private chat, and any message
    /// where it is an admin with can_delete_messages.</summary>
    internal void BotDelete(long botUserId, string chatRef, IReadOnlyList<long> messageIds, bool single)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            var self = chat.IsPrivate ? null : MemberOf(chat, botUserId);
            if (self is not null && !self.IsInChat) throw self.Status == SimMemberStatus.Kicked ? SimErrors.Kicked(chat.Type) : SimErrors.NotMember(chat.Type);
            var canDeleteAny = chat.IsPrivate || self?.EffectiveRights is { CanDeleteMessages: true };
            var ids = new List<long>();
            foreach (var id in messageIds)
            {
                var m = chat.GetLive(id);
                if (m is null)
                {
                    if (single) throw SimErrors.MessageToDeleteNotFound();
                    continue;
                }
                if (!canDeleteAny && m.AuthorUserId != botUserId)
                {
                    if (single) throw SimErrors.MessageCantBeDeleted();
                    continue;
                }
                ids.Add(id);
            }
            DeleteCore(chat, ids);
        }
    }

    /// <summary>answerCallbackQuery: records the answer for the pressing user (tests read it).</summary>
    internal void BotAnswerCallback(long botUserId, string queryId, string? text, bool showAlert, string? url)
    {
        lock (_sync)
        {
            if (!_callbacks.TryGetValue(queryId, out var q) || q.Message.AuthorUserId != botUserId || _callbackAnswers.ContainsKey(queryId)
                || Now - q.Date > TimeSpan.FromMinutes(15))
                throw SimErrors.QueryTooOld();
            _callbackAnswers[queryId] = new SimCallbackAnswer(queryId, text, showAlert, url, Now);
        }
    }

    /// <summary>setMyCommands.</summary>
    internal void BotSetCommands(long botUserId, IReadOnlyList<SimBotCommand> commands)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            bot.Commands.Clear();
            bot.Commands.AddRange(commands);
        }
    }

    /// <summary>leaveChat as a bot.</summary>
    internal void BotLeave(long botUserId, string chatRef)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.IsPrivate) throw SimErrors.BadRequest("chat member status can't be changed in private chats");
            if (!MemberOf(chat, botUserId).IsInChat) throw SimErrors.NotMember(chat.Type);
            RemoveMember(chat.Id, botUserId);
        }
    }
}
