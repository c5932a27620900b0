namespace Cluster.TelegramSim.World;

// User accounts: connections, the log-in flow, AUTH_KEY_DUPLICATED, flood limits, and what an account does.
public sealed partial class SimWorld
{
    private readonly Dictionary<string, SimSession> _sessions = new(StringComparer.Ordinal);
    private long _authKeyDuplicatedCount;

    /// <summary>How many times a session was connected twice at once.</summary>
    public long AuthKeyDuplicatedCount => Interlocked.Read(ref _authKeyDuplicatedCount);

    /// <summary>Opens a connection, resuming a session when <paramref name="sessionToken"/> is given.
    /// A session that is still live on another connection is AUTH_KEY_DUPLICATED: both connections are
    /// dropped (and the session revoked, by default), as Telegram does.</summary>
    internal SimLoginResult AccountConnect(string? sessionToken)
    {
        lock (_sync)
        {
            var conn = new SimConnection { Id = RandomToken(32), ConnectedAt = Now, LastSeen = Now };
            if (sessionToken is not null)
            {
                if (!_sessions.TryGetValue(sessionToken, out var session)) throw SimErrors.AuthKeyUnregistered();
                var account = AccountOrThrow(session.UserId);
                if (account.Banned) throw SimErrors.UserDeactivatedBan();
                var accounts = _options.Accounts;
                var live = _connections.Values.Where(c => c.SessionToken == sessionToken && c.IsLive(Now, accounts.ConnectionLivenessWindow, accounts.PollGapWindow)).ToList();
                if (live.Count > 0)
                {
                    Interlocked.Increment(ref _authKeyDuplicatedCount);
                    foreach (var other in live)
                    {
                        other.DroppedWith = SimErrors.AuthKeyDuplicated();
                        other.DropSignal.Pulse();
                    }
                    if (_options.Accounts.AuthKeyDuplicatedRevokesSession)
                    {
                        _sessions.Remove(sessionToken);
                        account.Sessions.Remove(sessionToken);
                    }
                    throw SimErrors.AuthKeyDuplicated();
                }
                conn.SessionToken = sessionToken;
                conn.UserId = session.UserId;
                conn.Stage = ConnectionStage.Ready;
                _connections[conn.Id] = conn;
                return new SimLoginResult(conn.Id, conn.Stage, sessionToken, account.NextSeq - 1);
            }
            _connections[conn.Id] = conn;
            return new SimLoginResult(conn.Id, conn.Stage, null, 0);
        }
    }

    /// <summary>Checks a connection at the start of a request: unknown or closed is 401, dropped answers its error.</summary>
    private SimConnection Touch(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var conn) || conn.Closed) throw SimErrors.AuthKeyUnregistered();
        if (conn.DroppedWith is { } dropped) throw dropped;
        if (conn.SessionToken is not null && !_sessions.ContainsKey(conn.SessionToken)) throw SimErrors.SessionRevoked();
        conn.LastSeen = Now;
        return conn;
    }

    /// <summary>The user of a connection for logs and fault matching (0 when unknown or still logging in).</summary>
    internal long UserOfConnection(string? connectionId)
    {
        if (string.IsNullOrEmpty(connectionId)) return 0;
        lock (_sync) return _connections.TryGetValue(connectionId, out var c) ? c.UserId ?? 0 : 0;
    }

    /// <summary>The logged-in user of a connection; refuses connections still logging in.</summary>
    internal long RequireReady(string connectionId)
    {
        lock (_sync)
        {
            var conn = Touch(connectionId);
            if (conn.Stage != ConnectionStage.Ready || conn.UserId is null) throw SimErrors.AuthKeyUnregistered();
            return conn.UserId.Value;
        }
    }

    internal SimLoginResult AccountState(string connectionId)
    {
        lock (_sync)
        {
            var conn = Touch(connectionId);
            return new SimLoginResult(conn.Id, conn.Stage, conn.SessionToken, conn.UserId is { } u ? _accounts[u].NextSeq - 1 : 0);
        }
    }

    internal SimLoginResult AccountSubmitPhone(string connectionId, string phoneNumber)
    {
        lock (_sync)
        {
            var conn = Touch(connectionId);
            if (conn.Stage is not (ConnectionStage.WaitPhoneNumber or ConnectionStage.WaitCode)) throw SimErrors.UnexpectedState("PHONE_NUMBER_UNEXPECTED");
            var phone = NormalizePhone(phoneNumber);
            if (!_phones.TryGetValue(phone, out var userId)) throw SimErrors.PhoneNumberInvalid();
            if (_accounts[userId].Banned) throw SimErrors.PhoneNumberBanned();
            conn.PendingPhone = phone;
            conn.Stage = ConnectionStage.WaitCode;
            _accounts[userId].LoginCodeExpired = false; // a new code is "sent"

            return new SimLoginResult(conn.Id, conn.Stage, null, 0);
        }
    }

    internal SimLoginResult AccountSubmitCode(string connectionId, string code)
    {
        lock (_sync)
        {
            var conn = Touch(connectionId);
            if (conn.Stage != ConnectionStage.WaitCode || conn.PendingPhone is null) throw SimErrors.UnexpectedState("PHONE_CODE_UNEXPECTED");
            var account = _accounts[_phones[conn.PendingPhone]];
            if (account.LoginCodeExpired) throw SimErrors.PhoneCodeExpired();
            if (code.Trim() != account.LoginCode) throw SimErrors.PhoneCodeInvalid();
            if (account.Password is not null)
            {
                conn.Stage = ConnectionStage.WaitPassword;
                return new SimLoginResult(conn.Id, conn.Stage, null, 0);
            }
            return CompleteLogin(conn, account);
        }
    }

    internal SimLoginResult AccountSubmitPassword(string connectionId, string password)
    {
        lock (_sync)
        {
            var conn = Touch(connectionId);
            if (conn.Stage != ConnectionStage.WaitPassword || conn.PendingPhone is null) throw SimErrors.UnexpectedState("PASSWORD_UNEXPECTED");
            var account = _accounts[_phones[conn.PendingPhone]];
            if (password != account.Password) throw SimErrors.PasswordInvalid();
            return CompleteLogin(conn, account);
        }
    }

    private SimLoginResult CompleteLogin(SimConnection conn, SimAccount account)
    {
        var session = new SimSession { Token = RandomToken(48), UserId = account.UserId, CreatedAt = Now };
        _sessions[session.Token] = session;
        account.Sessions[session.Token] = session;
        conn.SessionToken = session.Token;
        conn.UserId = account.UserId;
        conn.Stage = ConnectionStage.Ready;
        conn.PendingPhone = null;
        return new SimLoginResult(conn.Id, conn.Stage, session.Token, account.NextSeq - 1);
    }

    /// <summary>Logs out: the session is destroyed and the connection closed.</summary>
    internal void AccountLogOut(string connectionId)
    {
        lock (_sync)
        {
            var conn = Touch(connectionId);
            if (conn.SessionToken is { } token && _sessions.Remove(token, out var session)) _accounts[session.UserId].Sessions.Remove(token);
            conn.Stage = ConnectionStage.Closed;
            conn.Closed = true;
            conn.DropSignal.Pulse();
            _connections.Remove(conn.Id);
        }
    }

    /// <summary>Closes a connection (the client disposed it); the session stays valid.</summary>
    internal void AccountDisconnect(string connectionId)
    {
        lock (_sync)
        {
            if (!_connections.Remove(connectionId, out var conn)) return;
            conn.Closed = true;
            conn.DropSignal.Pulse();
        }
    }

    /// <summary>Ends every session of an account from outside (like "terminate all sessions"): clients get SESSION_REVOKED.</summary>
    public void RevokeSessions(long userId)
    {
        lock (_sync)
        {
            var account = AccountOrThrow(userId);
            foreach (var token in account.Sessions.Keys) _sessions.Remove(token);
            account.Sessions.Clear();
            foreach (var conn in _connections.Values.Where(c => c.UserId == userId))
            {
                conn.DroppedWith = SimErrors.SessionRevoked();
                conn.DropSignal.Pulse();
            }
        }
    }

    /// <summary>Long poll of an account's update stream: events with seq &gt; <paramref name="afterSeq"/>.
    /// While the poll is open the connection counts as live; a poll the client aborted ends liveness at once.</summary>
    internal async Task<(IReadOnlyList<SimAccountEvent> Events, long LastSeq)> AccountPollAsync(string connectionId, long afterSeq, int limit, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        SimConnection conn;
        SimAccount account;
        Task wake, dropped;
        lock (_sync)
        {
            conn = Touch(connectionId);
            if (conn.UserId is null) throw SimErrors.AuthKeyUnregistered();
            account = _accounts[conn.UserId.Value];
            var ready = EventsAfter(account, afterSeq, limit);
            if (ready.Count > 0 || timeout <= TimeSpan.Zero) return (ready, LastSeqOf(ready, account));
            conn.OpenPolls++;
            wake = account.Signal.WaitTask;
            dropped = conn.DropSignal.WaitTask;
        }
        var aborted = false;
        try
        {
            var deadline = Now + timeout;
            while (true)
            {
                var remaining = deadline - Now;
                using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = remaining > TimeSpan.Zero ? Task.Delay(remaining, _time, delayCts.Token) : Task.CompletedTask;
                await Task.WhenAny(wake, dropped, delay).ConfigureAwait(false);
                delayCts.Cancel();
                if (cancellationToken.IsCancellationRequested)
                {
                    aborted = true;
                    cancellationToken.ThrowIfCancellationRequested();
                }
                lock (_sync)
                {
                    if (conn.DroppedWith is { } error) throw error;
                    if (conn.Closed) throw SimErrors.AuthKeyUnregistered();
                    var ready = EventsAfter(account, afterSeq, limit);
                    if (ready.Count > 0 || Now >= deadline) return (ready, LastSeqOf(ready, account));
                    wake = account.Signal.WaitTask;
                }
            }
        }
        finally
        {
            lock (_sync)
            {
                conn.OpenPolls--;
                // A client that vanished mid-poll (process killed) frees its session at once, like a dropped TCP connection.
                conn.LastSeen = aborted && conn.OpenPolls == 0 ? DateTimeOffset.MinValue : Now;
                conn.LastPollEnded = conn.LastSeen;
            }
        }
    }

    /// <summary>The sequence number the client continues after: the last event returned when a batch was cut at
    /// its limit (the newest one would make the client skip the rest), else the newest event.</summary>
    private static long LastSeqOf(List<SimAccountEvent> ready, SimAccount account) =>
        ready.Count > 0 ? ready[^1].Seq : account.NextSeq - 1;

    private static List<SimAccountEvent> EventsAfter(SimAccount account, long afterSeq, int limit)
    {
        var events = account.Events;
        if (events.Count == 0 || events[^1].Seq <= afterSeq) return [];
        var first = events[0].Seq;
        var start = (int)Math.Max(0, afterSeq + 1 - first);
        return events.GetRange(start, Math.Min(limit, events.Count - start));
    }

    private void AppendAccountEvent(SimAccount account, SimAccountEventKind kind, long chatId, IReadOnlyList<SimMessage> messages, IReadOnlyList<long> deleted)
    {
        account.Events.Add(new SimAccountEvent(account.NextSeq++, kind, chatId, messages, deleted));
        var overflow = account.Events.Count - _options.Accounts.UpdateBufferSize;
        if (overflow > 0) account.Events.RemoveRange(0, overflow);
        account.Signal.Pulse();
    }

    // ---- what an account does (by user id; the HTTP layer maps a connection to its user) ----

    /// <summary>Finds a chat for an account: "@username", "username", t.me links, invite links, or an id.</summary>
    internal SimAccountChat AccountResolve(long userId, string reference)
    {
        lock (_sync)
        {
            var (chat, _) = ResolveForAccount(userId, reference, forJoin: false);
            return AccountView(chat, userId);
        }
    }

    private SimAccountChat AccountView(SimChat chat, long userId)
    {
        if (chat.IsPrivate)
        {
            var peer = _users[chat.PeerOf(userId)];
            return new SimAccountChat(peer.Id, SimChatType.Private, peer.FirstName, peer.Username, true, true);
        }
        var m = MemberOf(chat, userId);
        var canPost = chat.Type == SimChatType.Channel
            ? m.EffectiveRights is { CanPostMessages: true }
            : m.IsInChat && (m.IsAdmin || (m.Status == SimMemberStatus.Restricted ? (m.Permissions ?? SimPermissions.Muted).Intersect(chat.Permissions) : chat.Permissions).CanSendMessages);
        return new SimAccountChat(chat.Id, chat.Type, chat.Title, chat.Username, m.IsInChat, canPost);
    }

    private (SimChat Chat, SimInviteLink? Via) ResolveForAccount(long userId, string reference, bool forJoin)
    {
        var r = reference.Trim();
        if (TryInviteHash(r, out var hash))
        {
            if (!_invites.TryGetValue(hash, out var link) || link.IsRevoked) throw new SimException(400, "Bad Request: INVITE_HASH_INVALID", "INVITE_HASH_INVALID");
            if (link.ExpireDate is { } exp && exp <= Now) throw new SimException(400, "Bad Request: INVITE_HASH_EXPIRED", "INVITE_HASH_EXPIRED");
            if (forJoin && link.MemberLimit is { } lim && link.UseCount >= lim) throw new SimException(400, "Bad Request: USERS_TOO_MUCH", "USERS_TOO_MUCH");
            return (_chats[link.ChatId], link);
        }
        foreach (var prefix in new[] { "https://t.me/", "http://t.me/", "t.me/", "https://telegram.me/", "@" })
        {
            if (r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) { r = r[prefix.Length..]; break; }
        }
        if (long.TryParse(r, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            if (id > 0)
            {
                if (!_users.ContainsKey(id) || id == userId) throw SimErrors.ChatNotFound();
                return (Dialog(userId, id), null);
            }
            if (!_chats.TryGetValue(id, out var byId) || byId.IsPrivate) throw SimErrors.ChatNotFound();
            var m = MemberOf(byId, userId);
            if (m.Status == SimMemberStatus.Kicked || (byId.Username is null && !m.IsInChat && !byId.Members.ContainsKey(userId)))
                throw byId.Username is null && !byId.Members.ContainsKey(userId) ? SimErrors.ChatNotFound() : SimErrors.ChannelPrivate();
            return (byId, null);
        }
        if (r.Length < 4 || !_usernames.TryGetValue(r, out var owner)) throw SimErrors.UsernameNotOccupied();
        if (owner > 0)
        {
            if (owner == userId) throw SimErrors.ChatNotFound();
            return (Dialog(userId, owner), null);
        }
        var chat = _chats[owner];
        if (MemberOf(chat, userId).Status == SimMemberStatus.Kicked) throw SimErrors.ChannelPrivate();
        return (chat, null);
    }

    private static bool TryInviteHash(string reference, out string hash)
    {
        foreach (var prefix in new[] { "https://t.me/+", "http://t.me/+", "t.me/+", "https://t.me/joinchat/", "http://t.me/joinchat/", "t.me/joinchat/", "tg://join?invite=", "+" })
        {
            if (reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && reference.Length > prefix.Length)
            {
                hash = reference[prefix.Length..].TrimEnd('/');
                return true;
            }
        }
        hash = "";
        return false;
    }

    /// <summary>The account's readable chat: a member, or a public chat; else CHANNEL_PRIVATE.</summary>
    private SimChat ReadableChat(long userId, long chatId)
    {
        var chat = ChatForViewer(userId, chatId);
        if (chat.IsPrivate) return chat;
        var m = MemberOf(chat, userId);
        if (m.Status == SimMemberStatus.Kicked || (!m.IsInChat && chat.Username is null)) throw SimErrors.ChannelPrivate();
        return chat;
    }

    internal SimAccountChat AccountJoinChat(long userId, string reference)
    {
        lock (_sync)
        {
            AccountJoin(userId, reference);
            var (chat, _) = ResolveForAccount(userId, reference, forJoin: false);
            return AccountView(chat, userId);
        }
    }

    internal IReadOnlyList<SimMessage> AccountHistory(long userId, long chatId, long afterMessageId, int limit)
    {
        lock (_sync)
        {
            var chat = ReadableChat(userId, chatId);
            // Ids are positions in most chats; in a dialog with a bot they grow with gaps (the bot's counter).
            var start = chat.Box is null ? (int)Math.Clamp(afterMessageId, 0, chat.Messages.Count) : chat.Messages.FindIndex(m => m.Id > afterMessageId);
            if (start < 0) start = chat.Messages.Count;
            var result = new List<SimMessage>();
            for (var i = start; i < chat.Messages.Count && result.Count < limit; i++)
            {
                var m = chat.Messages[i];
                if (!m.IsDeleted) result.Add(ViewFor(chat, m, userId));
            }
            return result;
        }
    }

    /// <summary>Sends as an account, with Telegram's account limits (FLOOD_WAIT, PEER_FLOOD).</summary>
    public IReadOnlyList<SimMessage> AccountSend(long userId, long chatId, IReadOnlyList<SimOutgoingMessage> items, bool asAlbum = false)
    {
        lock (_sync)
        {
            var account = AccountOrThrow(userId);
            var chat = ChatForViewer(userId, chatId);
            CheckUserCanSend(chat, userId, items[0].Media?.Kind);
            CheckRecipientAccepts(chat, userId);
            // TDLib sends a reply to a message it cannot find (deleted, never there) as a plain message, so accounts never
            // see REPLY_MESSAGE_ID_INVALID: the reply is dropped. Every message of an album replies to the same one.
            var replyTo = ReplyTarget(chat, items[0].ReplyToMessageId);
            var drafts = Drafts(items, asAlbum).Select(d => d with { ReplyToMessageId = replyTo }).ToList();
            CheckAccountFlood(account, chat, drafts.Count);
            var stored = AppendCore(chat, SimSender.For(chat, userId), drafts);
            if (chat.IsPrivate) NotePrivateContact(chat, userId);
            return stored.Select(m => ViewFor(chat, m, userId)).ToList();
        }
    }

    /// <summary>The newest messages of a chat the account can read, newest first (deleted and service messages left out).</summary>
    internal IReadOnlyList<SimMessage> AccountRecent(long userId, long chatId, int limit)
    {
        lock (_sync)
        {
            var chat = ReadableChat(userId, chatId);
            var result = new List<SimMessage>();
            for (var i = chat.Messages.Count - 1; i >= 0 && result.Count < limit; i--)
            {
                var m = chat.Messages[i];
                if (!m.IsDeleted && !m.IsService) result.Add(ViewFor(chat, m, userId));
            }
            return result;
        }
    }

    /// <summary>Forwards (with the header) or copies messages as an account. <paramref name="replyToMessageId"/> makes every
    /// new message a reply to that message of the destination (as MTProto's forwardMessages allows; the account port only
    /// asks it of copies, as TDLib can only send copies as replies); a reply to a message that is not there is dropped.</summary>
    internal IReadOnlyList<SimMessage> AccountForward(long userId, long toChatId, long fromChatId, IReadOnlyList<long> messageIds, bool copy,
        IReadOnlyDictionary<long, (string? Text, IReadOnlyList<SimEntity> Entities)>? newCaptions, long? replyToMessageId = null)
    {
        lock (_sync)
        {
            var account = AccountOrThrow(userId);
            var from = ReadableChat(userId, fromChatId);
            var to = ChatForViewer(userId, toChatId);
            var sources = new List<SimMessage>();
            foreach (var id in messageIds)
            {
                var src = from.GetLive(id);
                if (src is null || src.IsService) throw new SimException(400, "Bad Request: MESSAGE_ID_INVALID", "MESSAGE_ID_INVALID");
                sources.Add(src);
            }
            if (sources.Count == 0) throw new SimException(400, "Bad Request: MESSAGE_IDS_EMPTY", "MESSAGE_IDS_EMPTY");
            foreach (var kind in sources.Select(s => s.Media?.Kind).Distinct()) CheckUserCanSend(to, userId, kind);
            CheckRecipientAccepts(to, userId);
            var replyTo = ReplyTarget(to, replyToMessageId);
            var drafts = ForwardDrafts(from, sources, copy, newCaptions, removeCaption: false, markup: null)
                .Select(d => d with { ReplyToMessageId = replyTo }).ToList();
            CheckAccountFlood(account, to, drafts.Count);
            var stored = AppendCore(to, SimSender.For(to, userId), drafts);
            if (to.IsPrivate) NotePrivateContact(to, userId);
            return stored.Select(m => ViewFor(to, m, userId)).ToList();
        }
    }

    internal SimMessage AccountEdit(long userId, long chatId, long messageId, string text, IReadOnlyList<SimEntity> entities)
    {
        lock (_sync)
        {
            var chat = ReadableChat(userId, chatId);
            var m = chat.GetLive(messageId) ?? throw new SimException(400, "Bad Request: MESSAGE_ID_INVALID", "MESSAGE_ID_INVALID");
            var rights = chat.IsPrivate ? null : MemberOf(chat, userId).EffectiveRights;
            var mayEdit = m.AuthorUserId == userId || (chat.Type == SimChatType.Channel && rights is { CanEditMessages: true });
            if (!mayEdit || m.IsService) throw new SimException(403, "Forbidden: MESSAGE_AUTHOR_REQUIRED", "MESSAGE_AUTHOR_REQUIRED");
            if (m.Media is null && string.IsNullOrEmpty(text)) throw new SimException(400, "Bad Request: MESSAGE_EMPTY", "MESSAGE_EMPTY");
            if (m.Text == text && m.Entities.SequenceEqual(entities)) throw SimErrors.MessageNotModified();
            var edited = m with { Text = string.IsNullOrEmpty(text) ? null : text, Entities = entities, EditDate = Now };
            chat.Replace(edited);
            DispatchEdit(chat, edited);
            return ViewFor(chat, edited, userId);
        }
    }

    internal void AccountDelete(long userId, long chatId, IReadOnlyList<long> messageIds)
    {
        lock (_sync)
        {
            var chat = ReadableChat(userId, chatId);
            var rights = chat.IsPrivate ? null : MemberOf(chat, userId).EffectiveRights;
            var canDeleteAny = chat.IsPrivate || rights is { CanDeleteMessages: true };
            foreach (var id in messageIds)
            {
                if (chat.GetLive(id) is { } m && !canDeleteAny && m.AuthorUserId != userId)
                    throw new SimException(403, "Forbidden: MESSAGE_DELETE_FORBIDDEN", "MESSAGE_DELETE_FORBIDDEN");
            }
            DeleteCore(chat, messageIds);
        }
    }

    /// <summary>The message a new one may reply to: <paramref name="replyTo"/> when it is a live, non-service message of
    /// the chat, else none.</summary>
    private static long? ReplyTarget(SimChat chat, long? replyTo)
        => replyTo is { } r && chat.GetLive(r) is { IsService: false } ? r : null;

    /// <summary>FLOOD_WAIT when an account sends too fast; PEER_FLOOD when it writes to too many strangers.</summary>
    private void CheckAccountFlood(SimAccount account, SimChat chat, int messages)
    {
        var limits = _options.Limits;
        if (!limits.Enabled) return;
        var now = Now;
        if (!account.SendWindow.CanAdd(now, limits.AccountMessagesPerWindow, limits.AccountFloodWindow, Math.Min(messages, limits.AccountMessagesPerWindow), out var retry))
            throw SimErrors.TooManyRequests(retry);
        var stranger = chat.IsPrivate && !account.KnownPeers.Contains(chat.PeerOf(account.UserId)) && !_bots.ContainsKey(chat.PeerOf(account.UserId))
            && !chat.Messages.Any(m => m.SenderUserId == chat.PeerOf(account.UserId));
        if (stranger)
        {
            if (!account.StrangerWindow.CanAdd(now, limits.StrangerMessagesPerWindow, limits.StrangerWindow, 1, out _)) throw SimErrors.PeerFlood();
            account.StrangerWindow.Add(now, 1);
        }
        account.SendWindow.Add(now, messages);
    }
}
