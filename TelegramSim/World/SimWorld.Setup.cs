namespace Cluster.TelegramSim.World;

// World setup: creating users, accounts, bots and chats, and changing who is in which chat.
public sealed partial class SimWorld
{
    /// <summary>Creates a plain user (no log-in possible; acts through the world API).</summary>
    public SimUser CreateUser(string firstName, string? username = null, string? lastName = null, bool isPremium = false, long? id = null)
    {
        lock (_sync)
        {
            var user = new SimUser(id ?? _nextUserId++, firstName, lastName, username, IsBot: false, IsPremium: isPremium);
            AddUser(user);
            return user;
        }
    }

    /// <summary>Creates a user account that can log in by phone number, the code "sent" to it
    /// (<paramref name="loginCode"/>, default <see cref="SimAccountOptions.DefaultLoginCode"/>) and an optional 2FA password.</summary>
    public SimAccountInfo CreateAccount(string phoneNumber, string firstName, string? username = null, string? password = null,
        string? loginCode = null, bool isPremium = false, long? id = null)
    {
        lock (_sync)
        {
            var phone = NormalizePhone(phoneNumber);
            if (_phones.ContainsKey(phone)) throw new ArgumentException($"An account with phone {phoneNumber} already exists.");
            var user = new SimUser(id ?? _nextUserId++, firstName, null, username, IsBot: false, IsPremium: isPremium);
            AddUser(user);
            var account = new SimAccount
            {
                UserId = user.Id,
                Phone = phone,
                Password = password,
                LoginCode = loginCode ?? _options.Accounts.DefaultLoginCode,
            };
            _accounts[user.Id] = account;
            _phones[phone] = user.Id;
            return AccountInfo(account);
        }
    }

    /// <summary>Creates a bot with a token of Telegram's shape ("&lt;id&gt;:&lt;35 chars&gt;"), or the given one.</summary>
    public SimBotInfo CreateBot(string username, string? firstName = null, string? token = null, bool privacyMode = true, long? id = null)
    {
        if (!username.EndsWith("bot", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Bot username '{username}' must end with 'bot', as Telegram requires.");
        lock (_sync)
        {
            // A bot's id is the number before the colon of its token, as in Telegram.
            if (id is null && token is not null && long.TryParse(token.AsSpan(0, Math.Max(0, token.IndexOf(':'))), out var fromToken) && !_users.ContainsKey(fromToken))
                id = fromToken;
            var user = new SimUser(id ?? _nextBotId++, firstName ?? username, null, username, IsBot: true);
            token ??= $"{user.Id}:AA{RandomToken(33)}";
            if (_botsByToken.ContainsKey(token)) throw new ArgumentException("A bot with that token already exists.");
            AddUser(user);
            var bot = new SimBot { User = user, Token = token, PrivacyMode = privacyMode };
            _bots[user.Id] = bot;
            _botsByToken[token] = bot;
            return BotInfo(bot);
        }
    }

    /// <summary>Creates a channel owned by <paramref name="ownerUserId"/> (public when it has a username).</summary>
    public SimChatInfo CreateChannel(string title, string? username = null, long? ownerUserId = null, string? description = null, long? id = null) =>
        CreateChat(SimChatType.Channel, title, username, ownerUserId, description, id);

    /// <summary>Creates a supergroup owned by <paramref name="ownerUserId"/>.</summary>
    public SimChatInfo CreateSupergroup(string title, string? username = null, long? ownerUserId = null, string? description = null, long? id = null) =>
        CreateChat(SimChatType.Supergroup, title, username, ownerUserId, description, id);

    /// <summary>Creates a basic group owned by <paramref name="ownerUserId"/>.</summary>
    public SimChatInfo CreateGroup(string title, long? ownerUserId = null, long? id = null) =>
        CreateChat(SimChatType.Group, title, null, ownerUserId, null, id);

    private SimChatInfo CreateChat(SimChatType type, string title, string? username, long? ownerUserId, string? description, long? id)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("A chat needs a title.");
        lock (_sync)
        {
            var chatId = id ?? (type == SimChatType.Group ? _nextGroupId-- : _nextChannelId--);
            if (_chats.ContainsKey(chatId)) throw new ArgumentException($"Chat {chatId} already exists.");
            if (username is not null) ClaimUsername(username, chatId);
            var chat = new SimChat { Id = chatId, Type = type, Title = title, Username = username, Description = description, CreatedAt = Now };
            _chats[chatId] = chat;
            if (ownerUserId is { } owner)
            {
                UserOrThrow(owner);
                PutMember(chat, new SimMember(chatId, owner, SimMemberStatus.Creator, Now, SimAdminRights.Full), owner, null, emitService: false);
            }
            return chat.Snapshot();
        }
    }

    /// <summary>Upgrades a basic group to a supergroup, as Telegram does when a group grows or changes a setting: a new chat
    /// with a new id, the same title and members; the bot API then refuses the old id with "group chat was upgraded to a
    /// supergroup chat" and migrate_to_chat_id.</summary>
    public SimChatInfo MigrateToSupergroup(long groupId)
    {
        lock (_sync)
        {
            var group = ChatOrThrow(groupId);
            if (group.Type != SimChatType.Group) throw new ArgumentException($"Chat {groupId} is not a basic group.");
            var created = CreateChat(SimChatType.Supergroup, group.Title, null, null, group.Description, null);
            var supergroup = _chats[created.Id];
            supergroup.Permissions = group.Permissions;
            foreach (var (userId, member) in group.Members) supergroup.Members[userId] = member with { ChatId = created.Id };
            foreach (var observer in group.Observers) supergroup.Observers.Add(observer);
            _migratedGroups[groupId] = created.Id;
            return supergroup.Snapshot();
        }
    }

    /// <summary>Links a discussion group or an "enforced" channel to a chat (Telegram's linked_chat_id), both ways.</summary>
    public void LinkChats(long chatId, long linkedChatId)
    {
        lock (_sync)
        {
            var a = ChatOrThrow(chatId);
            var b = ChatOrThrow(linkedChatId);
            a.LinkedChatId = b.Id;
            b.LinkedChatId = a.Id;
        }
    }

    /// <summary>Sets a group's default member permissions.</summary>
    public void SetChatPermissions(long chatId, SimPermissions permissions)
    {
        lock (_sync) ChatOrThrow(chatId).Permissions = permissions;
    }

    /// <summary>Adds a user to a chat as a member (a join by the user: service message and updates follow).</summary>
    public SimMember AddMember(long chatId, long userId, long? addedByUserId = null)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(chatId);
            UserOrThrow(userId);
            var old = MemberOf(chat, userId);
            if (old.IsInChat) return old;
            return PutMember(chat, new SimMember(chatId, userId, SimMemberStatus.Member, Now), addedByUserId ?? userId, null, emitService: true);
        }
    }

    /// <summary>Makes a user (or bot) an administrator with the given rights, adding them if needed.</summary>
    public SimMember MakeAdmin(long chatId, long userId, SimAdminRights? rights = null, long? promotedByUserId = null, string? customTitle = null)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(chatId);
            UserOrThrow(userId);
            var actor = promotedByUserId ?? chat.Members.Values.FirstOrDefault(m => m.Status == SimMemberStatus.Creator)?.UserId ?? userId;
            var old = MemberOf(chat, userId);
            if (old.Status == SimMemberStatus.Creator) return old;
            return PutMember(chat, new SimMember(chatId, userId, SimMemberStatus.Administrator, Now, rights ?? SimAdminRights.Moderator,
                CustomTitle: customTitle, PromotedByUserId: actor), actor, null, emitService: !old.IsInChat);
        }
    }

    /// <summary>The user leaves the chat by themself.</summary>
    public SimMember RemoveMember(long chatId, long userId)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(chatId);
            var old = MemberOf(chat, userId);
            if (!old.IsInChat) return old;
            if (old.Status == SimMemberStatus.Restricted)
                return PutMember(chat, old with { IsMember = false, Since = Now }, userId, null, emitService: true);
            return PutMember(chat, new SimMember(chatId, userId, SimMemberStatus.Left, Now), userId, null, emitService: true);
        }
    }

    /// <summary>Sets any membership state directly (world setup; updates are sent as for a real change).</summary>
    public SimMember SetMember(SimMember member, long? actorUserId = null)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(member.ChatId);
            UserOrThrow(member.UserId);
            return PutMember(chat, member with { Since = Now }, actorUserId ?? member.UserId, null, emitService: false);
        }
    }

    /// <summary>The user presses "Start" in the bot's private chat: the bot may now write to them.</summary>
    public SimMessage StartBot(long userId, long botUserId, string? payload = null) =>
        SendAsUser(userId, botUserId, SimOutgoingMessage.Plain(payload is null ? "/start" : "/start " + payload));

    /// <summary>The user blocks (or unblocks) the bot: sends to them answer 403.</summary>
    public void SetBotBlocked(long userId, long botUserId, bool blocked)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            if (blocked) bot.BlockedBy.Add(userId); else bot.BlockedBy.Remove(userId);
        }
    }

    /// <summary>Sets a bot's privacy mode (true: in groups where it is not an admin it sees only commands,
    /// replies to it and service messages).</summary>
    public void SetBotPrivacyMode(long botUserId, bool enabled)
    {
        lock (_sync) BotOrThrow(botUserId).PrivacyMode = enabled;
    }

    /// <summary>Bans an account from Telegram: its sessions end and log-in is refused.</summary>
    public void BanAccount(long userId, bool banned = true)
    {
        lock (_sync)
        {
            var account = AccountOrThrow(userId);
            account.Banned = banned;
            if (banned)
            {
                foreach (var conn in _connections.Values.Where(c => c.UserId == userId && !c.Closed))
                {
                    conn.DroppedWith = SimErrors.UserDeactivatedBan();
                    conn.DropSignal.Pulse();
                }
                account.Sessions.Clear();
            }
        }
    }

    /// <summary>Registers a media file as if it had been uploaded, so its file id can be sent.</summary>
    public SimMedia UploadFile(SimMediaKind kind, string? fileName = null, string? mimeType = null, long fileSize = 50_000)
    {
        lock (_sync) return NewMedia(kind, fileName, mimeType, fileSize);
    }

    /// <summary>Registers a file with its content, as a user's upload: the Bot API's getFile and the file download route serve
    /// these bytes.</summary>
    public SimMedia UploadFile(SimMediaKind kind, byte[] content, string? fileName = null, string? mimeType = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_sync)
        {
            var media = NewMedia(kind, fileName, mimeType, content.Length);
            _fileContents[media.FileId] = content.ToArray();
            return media;
        }
    }

    private SimMedia NewMedia(SimMediaKind kind, string? fileName, string? mimeType, long fileSize)
    {
        var (w, h, d) = kind switch
        {
            SimMediaKind.Photo => (1280, 720, 0),
            SimMediaKind.Video or SimMediaKind.Animation => (1280, 720, 10),
            SimMediaKind.VideoNote => (384, 384, 5),
            SimMediaKind.Audio or SimMediaKind.Voice => (0, 0, 30),
            SimMediaKind.Sticker => (512, 512, 0),
            _ => (0, 0, 0),
        };
        var media = new SimMedia(kind, NewFileId(kind), "AQAD" + RandomToken(12), fileSize,
            fileName ?? (kind == SimMediaKind.Document ? "file.bin" : null),
            mimeType ?? DefaultMime(kind), w, h, d);
        _files[media.FileId] = media;
        return media;
    }

    private static string? DefaultMime(SimMediaKind kind) => kind switch
    {
        SimMediaKind.Video or SimMediaKind.Animation or SimMediaKind.VideoNote => "video/mp4",
        SimMediaKind.Audio => "audio/mpeg",
        SimMediaKind.Voice => "audio/ogg",
        SimMediaKind.Document => "application/octet-stream",
        _ => null,
    };

    /// <summary>Finds media by a file id a client sends, or registers a new file for an "uploaded" one
    /// (a URL, or <c>attach://</c> content). Unknown file ids are refused as Telegram does.</summary>
    internal SimMedia ResolveMedia(SimMediaKind kind, string fileIdOrUrl, string? fileName = null, long? uploadedBytes = null)
    {
        lock (_sync)
        {
            if (_files.TryGetValue(fileIdOrUrl, out var known)) return known.Kind == kind ? known : known with { Kind = kind };
            var isUrl = Uri.TryCreate(fileIdOrUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
            if (isUrl || fileIdOrUrl.StartsWith("upload:", StringComparison.Ordinal))
            {
                var name = fileName ?? (isUrl ? Path.GetFileName(url!.AbsolutePath) : fileIdOrUrl[7..]);
                return NewMedia(kind, string.IsNullOrEmpty(name) ? null : name, null, uploadedBytes ?? 50_000);
            }
            throw SimErrors.WrongFileId();
        }
    }

    private void AddUser(SimUser user)
    {
        if (_users.ContainsKey(user.Id)) throw new ArgumentException($"User {user.Id} already exists.");
        if (user.Username is not null) ClaimUsername(user.Username, user.Id);
        _users[user.Id] = user;
    }

    private void ClaimUsername(string username, long ownerId)
    {
        var name = username.TrimStart('@');
        if (name.Length < 4 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"Username '{username}' is not valid: 4+ letters, digits or underscores.");
        if (!_usernames.TryAdd(name, ownerId)) throw new ArgumentException($"Username '{username}' is taken.");
    }

    internal static string NormalizePhone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? throw SimErrors.PhoneNumberInvalid() : digits;
    }
}
