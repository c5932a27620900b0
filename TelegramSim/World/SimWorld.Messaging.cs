namespace Cluster.TelegramSim.World;

// Messages: storing them, and handing new, edited and deleted messages to the bots and accounts that see them.
public sealed partial class SimWorld
{
    private const int MaxTextLength = 4096;
    private const int MaxCaptionLength = 1024;

    private List<SimMessage> AppendCore(SimChat chat, SimSender sender, IReadOnlyList<MessageDraft> drafts)
    {
        var stored = new List<SimMessage>(drafts.Count);
        foreach (var d in drafts)
        {
            var message = new SimMessage(chat.Id, chat.AllocateMessageId(), sender.UserId, sender.ChatId, sender.PostedByUserId, Now,
                d.Text, d.Entities, d.Media, d.MediaGroupId, d.ForwardOrigin, d.CopiedFrom, d.ReplyMarkup, d.ReplyToMessageId, d.Service);
            chat.Add(message);
            stored.Add(message);
        }
        DispatchNew(chat, stored);
        return stored;
    }

    private void AppendService(SimChat chat, long actorUserId, SimServiceAction action) =>
        AppendCore(chat, new SimSender(actorUserId, null, null), [new MessageDraft(null, [], Service: action)]);

    /// <summary>The message as a viewer sees it: in a private dialog the chat id is the peer's user id.</summary>
    private static SimMessage ViewFor(SimChat chat, SimMessage message, long viewerId) =>
        chat.IsPrivate ? message with { ChatId = chat.PeerOf(viewerId) } : message;

    private void DispatchNew(SimChat chat, IReadOnlyList<SimMessage> messages)
    {
        foreach (var observer in chat.Observers)
        {
            if (_bots.TryGetValue(observer, out var bot))
            {
                foreach (var m in messages)
                {
                    if (BotSees(bot, chat, m))
                        Enqueue(bot, chat.Type == SimChatType.Channel ? SimUpdateKinds.ChannelPost : SimUpdateKinds.Message, ViewFor(chat, m, observer));
                }
            }
            else if (_accounts.TryGetValue(observer, out var account))
            {
                // One event per album (consecutive messages sharing a media group id), one per other message.
                var run = new List<SimMessage>();
                foreach (var m in messages)
                {
                    if (run.Count > 0 && (m.MediaGroupId is null || m.MediaGroupId != run[^1].MediaGroupId))
                    {
                        AppendAccountEvent(account, SimAccountEventKind.NewMessages, ChatIdFor(chat, observer), run, []);
                        run = [];
                    }
                    run.Add(ViewFor(chat, m, observer));
                }
                if (run.Count > 0) AppendAccountEvent(account, SimAccountEventKind.NewMessages, ChatIdFor(chat, observer), run, []);
            }
        }
    }

    private void DispatchEdit(SimChat chat, SimMessage message)
    {
        foreach (var observer in chat.Observers)
        {
            if (_bots.TryGetValue(observer, out var bot))
            {
                if (BotSees(bot, chat, message))
                    Enqueue(bot, chat.Type == SimChatType.Channel ? SimUpdateKinds.EditedChannelPost : SimUpdateKinds.EditedMessage, ViewFor(chat, message, observer));
            }
            else if (_accounts.TryGetValue(observer, out var account))
            {
                AppendAccountEvent(account, SimAccountEventKind.MessageEdited, ChatIdFor(chat, observer), [ViewFor(chat, message, observer)], []);
            }
        }
    }

    private void DeleteCore(SimChat chat, IReadOnlyList<long> ids)
    {
        var deleted = new List<long>();
        foreach (var id in ids)
        {
            if (chat.GetLive(id) is not { } m) continue;
            chat.Replace(m with { DeletedAt = Now });
            deleted.Add(id);
        }
        if (deleted.Count == 0) return;
        // Bots get no update for deletions (as in Telegram); accounts do.
        foreach (var observer in chat.Observers)
        {
            if (_accounts.TryGetValue(observer, out var account))
                AppendAccountEvent(account, SimAccountEventKind.MessagesDeleted, ChatIdFor(chat, observer), [], deleted);
        }
    }

    /// <summary>Telegram's delivery rule for bots: channel posts reach admin bots; group messages reach
    /// member bots (in privacy mode only commands, replies to the bot and service messages unless the bot
    /// is an admin); a bot never receives its own messages nor other bots' messages in groups.</summary>
    private bool BotSees(SimBot bot, SimChat chat, SimMessage m)
    {
        var botId = bot.User.Id;
        if (m.AuthorUserId == botId) return false;
        if (chat.IsPrivate) return true;
        var member = MemberOf(chat, botId);
        if (!member.IsInChat) return false;
        if (chat.Type == SimChatType.Channel) return member.IsAdmin;
        if (m.SenderUserId is { } sender && sender != botId && _bots.ContainsKey(sender)) return false;
        if (!bot.PrivacyMode || member.IsAdmin || m.IsService) return true;
        if (m.Text is { } t && t.StartsWith('/')) return true;
        return m.ReplyToMessageId is { } r && chat.Get(r)?.AuthorUserId == botId;
    }

    // ---- world-setup senders (no limits) ----

    /// <summary>Posts to a channel as the channel (by its creator), like an admin publishing.
    /// Several items with <paramref name="asAlbum"/> form one album.</summary>
    public IReadOnlyList<SimMessage> PostToChannel(long channelId, IReadOnlyList<SimOutgoingMessage> items, bool asAlbum = false)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(channelId);
            var poster = chat.Members.Values.FirstOrDefault(m => m.Status == SimMemberStatus.Creator)?.UserId;
            var sender = chat.Type == SimChatType.Channel ? new SimSender(null, chat.Id, poster) : new SimSender(poster, null, null);
            return AppendCore(chat, sender, Drafts(items, asAlbum));
        }
    }

    /// <summary>Posts one text message to a channel as the channel.</summary>
    public SimMessage PostToChannel(long channelId, string text) => PostToChannel(channelId, [SimOutgoingMessage.Plain(text)])[0];

    /// <summary>Sends a message as a user into a chat (a group id, a channel id for an admin, or a user id
    /// for a private dialog). The user must be able to write there; no rate limits apply.</summary>
    public SimMessage SendAsUser(long userId, long chatId, SimOutgoingMessage item) => SendAsUser(userId, chatId, [item])[0];

    /// <summary>Sends a text message as a user.</summary>
    public SimMessage SendAsUser(long userId, long chatId, string text) => SendAsUser(userId, chatId, SimOutgoingMessage.Plain(text));

    /// <summary>Sends messages (an album with <paramref name="asAlbum"/>) as a user.</summary>
    public IReadOnlyList<SimMessage> SendAsUser(long userId, long chatId, IReadOnlyList<SimOutgoingMessage> items, bool asAlbum = false)
    {
        lock (_sync)
        {
            UserOrThrow(userId);
            var chat = ChatForViewer(userId, chatId);
            CheckUserCanSend(chat, userId, items[0].Media?.Kind);
            var stored = AppendCore(chat, SimSender.For(chat, userId), Drafts(items, asAlbum));
            if (chat.IsPrivate) NotePrivateContact(chat, userId);
            return stored.Select(m => ViewFor(chat, m, userId)).ToList();
        }
    }

    /// <summary>Edits a message's text or caption as its author (world setup).</summary>
    public SimMessage EditAsUser(long userId, long chatId, long messageId, string text)
    {
        lock (_sync)
        {
            var chat = ChatForViewer(userId, chatId);
            var m = chat.GetLive(messageId) ?? throw SimErrors.MessageToEditNotFound();
            var edited = m with { Text = text, Entities = [], EditDate = Now };
            chat.Replace(edited);
            DispatchEdit(chat, edited);
            return ViewFor(chat, edited, userId);
        }
    }

    /// <summary>Edits a channel post as the channel (world setup).</summary>
    public SimMessage EditChannelPost(long channelId, long messageId, string text)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(channelId);
            var m = chat.GetLive(messageId) ?? throw SimErrors.MessageToEditNotFound();
            var edited = m with { Text = text, Entities = [], EditDate = Now };
            chat.Replace(edited);
            DispatchEdit(chat, edited);
            return edited;
        }
    }

    /// <summary>Deletes messages of a group or channel for everyone (world setup).</summary>
    public void DeleteMessages(long chatId, IReadOnlyList<long> messageIds)
    {
        lock (_sync) DeleteCore(ChatOrThrow(chatId), messageIds);
    }

    /// <summary>A user presses an inline button of a bot's message: the bot receives a callback_query.
    /// Returns the query id; read the bot's answer with <see cref="GetCallbackAnswer"/>.</summary>
    public string PressButton(long userId, long chatId, long messageId, string callbackData)
    {
        lock (_sync)
        {
            var chat = ChatForViewer(userId, chatId);
            if (!chat.IsPrivate && !MemberOf(chat, userId).IsInChat && chat.Username is null) throw SimErrors.ChatNotFound();
            var m = chat.GetLive(messageId) ?? throw SimErrors.BadRequest("message not found");
            if (m.ReplyMarkup?.FindByData(callbackData) is null) throw SimErrors.BadRequest("the message has no button with that callback data");
            var botId = m.AuthorUserId is { } a && _bots.ContainsKey(a) ? a : throw SimErrors.BadRequest("the message was not sent by a bot");
            var bot = _bots[botId];
            var id = (_nextCallbackId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var query = new SimCallbackQuery(id, userId, ViewFor(chat, m, botId), "-" + (chat.Id & 0x7FFFFFFF), callbackData, Now);
            _callbacks[id] = query;
            Enqueue(bot, SimUpdateKinds.CallbackQuery, callbackQuery: query);
            return id;
        }
    }

    /// <summary>The bot's answer to a pressed button, or null if not answered (yet).</summary>
    public SimCallbackAnswer? GetCallbackAnswer(string queryId)
    {
        lock (_sync) return _callbackAnswers.GetValueOrDefault(queryId);
    }

    /// <summary>The messages of a chat in order (deleted ones included, marked), as stored.</summary>
    public IReadOnlyList<SimMessage> GetMessages(long chatId, bool includeDeleted = false)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(chatId);
            return chat.Messages.Where(m => includeDeleted || !m.IsDeleted).ToList();
        }
    }

    /// <summary>The messages of the private dialog between two users, as <paramref name="viewerId"/> sees them.</summary>
    public IReadOnlyList<SimMessage> GetPrivateMessages(long viewerId, long peerId, bool includeDeleted = false)
    {
        lock (_sync)
        {
            var chat = Dialog(viewerId, peerId);
            return chat.Messages.Where(m => includeDeleted || !m.IsDeleted).Select(m => ViewFor(chat, m, viewerId)).ToList();
        }
    }

    /// <summary>One message of a group or channel, or null.</summary>
    public SimMessage? GetMessage(long chatId, long messageId)
    {
        lock (_sync) return ChatOrThrow(chatId).Get(messageId);
    }

    private List<MessageDraft> Drafts(IReadOnlyList<SimOutgoingMessage> items, bool asAlbum)
    {
        if (items.Count == 0) throw SimErrors.MessageTextEmpty();
        var group = asAlbum && items.Count > 1 ? NewMediaGroupId() : null;
        return items.Select(i =>
        {
            var text = i.Text;
            if (i.Media is null)
            {
                if (string.IsNullOrEmpty(text)) throw SimErrors.MessageTextEmpty();
                if (text.Length > MaxTextLength) throw SimErrors.MessageTooLong();
            }
            else if (text is { Length: > MaxCaptionLength }) throw SimErrors.CaptionTooLong();
            return new MessageDraft(string.IsNullOrEmpty(text) ? null : text, i.Entities ?? [], i.Media, i.Media is null ? null : group,
                ReplyMarkup: i.ReplyMarkup, ReplyToMessageId: i.ReplyToMessageId);
        }).ToList();
    }

    private void CheckUserCanSend(SimChat chat, long userId, SimMediaKind? media)
    {
        if (chat.IsPrivate) return;
        var m = MemberOf(chat, userId);
        if (chat.Type == SimChatType.Channel)
        {
            if (m.EffectiveRights is not { CanPostMessages: true }) throw m.IsInChat || chat.Username is not null ? SimErrors.ChatWriteForbidden() : SimErrors.ChannelPrivate();
            return;
        }
        if (!m.IsInChat) throw chat.Username is null && m.Status != SimMemberStatus.Left ? SimErrors.ChannelPrivate() : SimErrors.ChatWriteForbidden();
        if (m.IsAdmin) return;
        var allowed = m.Status == SimMemberStatus.Restricted ? (m.Permissions ?? SimPermissions.Muted).Intersect(chat.Permissions) : chat.Permissions;
        if (!allowed.Allows(media)) throw SimErrors.ChatWriteForbidden();
    }

    private void NotePrivateContact(SimChat chat, long senderId)
    {
        var peer = chat.PeerOf(senderId);
        if (_accounts.TryGetValue(senderId, out var a)) a.KnownPeers.Add(peer);
        if (_accounts.TryGetValue(peer, out var b)) b.KnownPeers.Add(senderId);
        if (_bots.TryGetValue(peer, out var bot) && !_bots.ContainsKey(senderId)) bot.StartedBy.Add(senderId);
    }

    private SimForwardOrigin OriginOf(SimChat from, SimMessage src) => from.Type == SimChatType.Channel || src.SenderChatId is not null
        ? new SimForwardOrigin(src.Date, null, src.SenderChatId ?? from.Id, src.Id, src.AuthorSignature, IsChannel: from.Type == SimChatType.Channel)
        : new SimForwardOrigin(src.Date, src.SenderUserId, null, null);

    /// <summary>Builds the drafts of forwarded or copied messages: albums stay albums (a fresh media group
    /// id per source group), forwards keep the original origin, copies may get new captions.</summary>
    private List<MessageDraft> ForwardDrafts(SimChat from, IReadOnlyList<SimMessage> sources, bool copy,
        IReadOnlyDictionary<long, (string? Text, IReadOnlyList<SimEntity> Entities)>? newCaptions, bool removeCaption, SimInlineKeyboard? markup)
    {
        var groupCounts = sources.Where(s => s.MediaGroupId is not null).GroupBy(s => s.MediaGroupId!).ToDictionary(g => g.Key, g => g.Count());
        var newGroups = new Dictionary<string, string>();
        var drafts = new List<MessageDraft>();
        foreach (var src in sources)
        {
            string? group = null;
            if (src.MediaGroupId is { } g && groupCounts[g] > 1)
            {
                if (!newGroups.TryGetValue(g, out group)) newGroups[g] = group = NewMediaGroupId();
            }
            var text = src.Text;
            var entities = src.Entities;
            if (copy && newCaptions is not null && newCaptions.TryGetValue(src.Id, out var caption))
            {
                text = string.IsNullOrEmpty(caption.Text) ? null : caption.Text;
                entities = caption.Entities;
            }
            else if (copy && removeCaption && src.Media is not null)
            {
                text = null;
                entities = [];
            }
            drafts.Add(new MessageDraft(text, entities, src.Media, group,
                ForwardOrigin: copy ? null : src.ForwardOrigin ?? OriginOf(from, src),
                CopiedFrom: copy ? new SimCopyOrigin(from.Id, src.Id) : null,
                ReplyMarkup: copy ? markup : null));
        }
        return drafts;
    }
}
