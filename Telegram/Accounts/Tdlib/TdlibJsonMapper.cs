using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Translates TDLib's JSON objects to the account port's records and exceptions, and port values
/// back to TDLib's input objects. Pure functions, so recorded TDLib JSON can test every mapping.</summary>
internal static partial class TdlibJsonMapper
{
    /// <summary>TDLib numbers server messages as (server id &lt;&lt; 20); the port uses Telegram's server ids
    /// (those of t.me links and the Bot API). Local-only messages (no server id) become negative.</summary>
    private const int ServerIdShift = 20;

    /// <summary>A flood wait without a number of seconds (rare) is treated as this long.</summary>
    public static readonly TimeSpan UnspecifiedFloodWait = TimeSpan.FromSeconds(60);

    public static long ToPortMessageId(long tdMessageId) =>
        (tdMessageId & ((1L << ServerIdShift) - 1)) == 0 ? tdMessageId >> ServerIdShift : -tdMessageId;

    public static long ToTdMessageId(long portMessageId) =>
        portMessageId < 0 ? -portMessageId : portMessageId << ServerIdShift;

    public static string TypeOf(JsonElement obj) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("@type", out var t) ? t.GetString() ?? "" : "";

    public static bool IsError(JsonElement obj) => TypeOf(obj) == "error";

    // ---- errors ----

    public static TelegramAccountException ToException(JsonElement error) =>
        ToException(GetInt32(error, "code"), GetString(error, "message") ?? "");

    /// <summary>Maps a TDLib error (code and message) to the port's typed exceptions. TDLib passes most
    /// server errors through by name (PEER_FLOOD, CHANNEL_PRIVATE, ...) and rewrites flood waits to
    /// 429 "Too Many Requests: retry after N".</summary>
    public static TelegramAccountException ToException(int code, string message)
    {
        if (TryGetFloodWait(code, message, out var wait))
        {
            return new FloodWaitException(wait, message);
        }
        if (Has(message, "PEER_FLOOD"))
        {
            return new PeerFloodException(message);
        }
        if (Has(message, "USER_DEACTIVATED") || Has(message, "PHONE_NUMBER_BANNED"))
        {
            return new AccountBannedException(message);
        }
        // "Can't lock file": another TDLib instance (here or in another process) holds this session's database.
        if (Has(message, "AUTH_KEY_DUPLICATED") || Has(message, "Can't lock file"))
        {
            return new AuthKeyDuplicatedException(message);
        }
        if (code == 401 || Has(message, "SESSION_REVOKED") || Has(message, "AUTH_KEY_UNREGISTERED") || Has(message, "SESSION_EXPIRED"))
        {
            return new SessionRevokedException(message);
        }
        if (Has(message, "USER_PRIVACY_RESTRICTED") || Has(message, "PRIVACY_PREMIUM_REQUIRED"))
        {
            return new UserPrivacyRestrictedException(message);
        }
        if (Has(message, "USER_IS_BLOCKED") || Has(message, "YOU_BLOCKED_USER"))
        {
            return new UserBlockedException(message);
        }
        if (Has(message, "USER_ID_INVALID") || Has(message, "INPUT_USER_DEACTIVATED") || Has(message, "PHONE_NOT_OCCUPIED"))
        {
            return new ChatNotFoundException(message);
        }
        if (Has(message, "CHAT_WRITE_FORBIDDEN") || Has(message, "CHAT_ADMIN_REQUIRED") || ChatSendForbidden().IsMatch(message)
            || Has(message, "Have no write access to the chat") || Has(message, "Not enough rights to send")
            || Has(message, "Need administrator rights"))
        {
            return new ChatWriteForbiddenException(message);
        }
        if (Has(message, "CHANNEL_PRIVATE"))
        {
            return new ChannelPrivateException(message);
        }
        if (Has(message, "USERNAME_NOT_OCCUPIED") || Has(message, "USERNAME_INVALID"))
        {
            return new UsernameNotOccupiedException(message);
        }
        if (Has(message, "CHAT_NOT_FOUND") || Has(message, "Chat not found") || Has(message, "PEER_ID_INVALID")
            || Has(message, "CHANNEL_INVALID") || Has(message, "CHAT_ID_INVALID") || Has(message, "INVITE_HASH_INVALID")
            || Has(message, "INVITE_HASH_EXPIRED"))
        {
            return new ChatNotFoundException(message);
        }
        if (Has(message, "PHONE_CODE_") || Has(message, "PASSWORD_HASH_INVALID") || Has(message, "PHONE_NUMBER_INVALID")
            || Has(message, "PHONE_NUMBER_UNOCCUPIED") || (Has(message, "PASSWORD_") && code == 400))
        {
            return new LoginException(message);
        }
        return new TelegramAccountException(code, message);
    }

    public static bool TryGetFloodWait(int code, string message, out TimeSpan wait)
    {
        var match = FloodWaitPattern().Match(message);
        if (match.Success)
        {
            wait = TimeSpan.FromSeconds(int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture));
            return true;
        }
        if (code is 429 or 420)
        {
            wait = UnspecifiedFloodWait;
            return true;
        }
        wait = TimeSpan.Zero;
        return false;
    }

    private static bool Has(string message, string token) => message.Contains(token, StringComparison.Ordinal);

    [GeneratedRegex(@"(?:retry after |FLOOD_WAIT_|FLOOD_PREMIUM_WAIT_|SLOWMODE_WAIT_)(?<s>\d{1,9})", RegexOptions.CultureInvariant)]
    private static partial Regex FloodWaitPattern();

    [GeneratedRegex(@"CHAT_SEND_[A-Z_]*FORBIDDEN", RegexOptions.CultureInvariant)]
    private static partial Regex ChatSendForbidden();

    // ---- authorization ----

    /// <summary>The port's state for a TDLib authorizationState* type, or null for states the port does not
    /// show (authorizationStateWaitTdlibParameters is answered by the adapter; closing is on the way to closed).</summary>
    public static AuthorizationState? ToAuthorizationState(string tdType) => tdType switch
    {
        "authorizationStateWaitPhoneNumber" => AuthorizationState.WaitPhoneNumber,
        "authorizationStateWaitCode" or "authorizationStateWaitEmailCode" => AuthorizationState.WaitCode,
        "authorizationStateWaitPassword" => AuthorizationState.WaitPassword,
        "authorizationStateReady" => AuthorizationState.Ready,
        "authorizationStateLoggingOut" => AuthorizationState.LoggingOut,
        "authorizationStateClosed" => AuthorizationState.Closed,
        _ => null,
    };

    /// <summary>TDLib states that ask for something this adapter cannot give (registration, e-mail address,
    /// QR confirmation, a Premium purchase): log-in cannot continue through the port.</summary>
    public static bool IsUnsupportedLoginStep(string tdType) => tdType is
        "authorizationStateWaitRegistration" or "authorizationStateWaitEmailAddress"
        or "authorizationStateWaitOtherDeviceConfirmation" or "authorizationStateWaitPremiumPurchase";

    public static string AuthorizationStateType(JsonElement updateAuthorizationState) =>
        updateAuthorizationState.TryGetProperty("authorization_state", out var s) ? TypeOf(s) : "";

    // ---- messages ----

    public static AccountMessage ToMessage(JsonElement message)
    {
        var content = message.GetProperty("content");
        var (media, fileId, text) = ReadContent(content);
        long? senderUser = null, senderChat = null;
        if (message.TryGetProperty("sender_id", out var sender))
        {
            switch (TypeOf(sender))
            {
                case "messageSenderUser": senderUser = GetInt64(sender, "user_id"); break;
                case "messageSenderChat": senderChat = GetInt64(sender, "chat_id"); break;
            }
        }
        var editDate = GetInt64(message, "edit_date");
        var chatId = GetInt64(message, "chat_id");
        return new AccountMessage(
            ChatId: chatId,
            Id: ToPortMessageId(GetInt64(message, "id")),
            SenderUserId: senderUser,
            SenderChatId: senderChat,
            Date: DateTimeOffset.FromUnixTimeSeconds(GetInt64(message, "date")),
            EditDate: editDate > 0 ? DateTimeOffset.FromUnixTimeSeconds(editDate) : null,
            Text: text,
            Media: media,
            MediaFileId: fileId,
            MediaAlbumId: GetInt64(message, "media_album_id"),
            IsOutgoing: GetBool(message, "is_outgoing"),
            IsForwarded: message.TryGetProperty("forward_info", out var fwd) && fwd.ValueKind == JsonValueKind.Object,
            ReplyToMessageId: SameChatReplyTo(message, chatId),
            ForwardedFrom: fwd.ValueKind == JsonValueKind.Object ? ChannelOrigin(fwd) : null);
    }

    /// <summary>The message of the same chat a message replies to (messageReplyToMessage whose chat_id is the message's own
    /// chat, or 0 for a chat TDLib does not know); null for no reply, a reply to another chat's message or to a story.</summary>
    private static long? SameChatReplyTo(JsonElement message, long chatId)
    {
        if (!message.TryGetProperty("reply_to", out var replyTo) || TypeOf(replyTo) != "messageReplyToMessage") return null;
        var replyChat = GetInt64(replyTo, "chat_id");
        var replyId = GetInt64(replyTo, "message_id");
        if (replyId == 0 || (replyChat != 0 && replyChat != chatId)) return null;
        return ToPortMessageId(replyId);
    }

    /// <summary>The channel post a forward header names (messageOriginChannel); null for other origins.</summary>
    private static ForwardSource? ChannelOrigin(JsonElement forwardInfo)
    {
        if (!forwardInfo.TryGetProperty("origin", out var origin) || TypeOf(origin) != "messageOriginChannel") return null;
        var messageId = GetInt64(origin, "message_id");
        return messageId == 0 ? null : new ForwardSource(GetInt64(origin, "chat_id"), ToPortMessageId(messageId));
    }

    /// <summary>The message with new content (updateMessageContent's new_content).</summary>
    public static AccountMessage WithContent(AccountMessage message, JsonElement newContent)
    {
        var (media, fileId, text) = ReadContent(newContent);
        return message with { Media = media, MediaFileId = fileId, Text = text };
    }

    /// <summary>Whether the message still waits to be sent (a temporary local message).</summary>
    public static bool IsPending(JsonElement message) =>
        message.TryGetProperty("sending_state", out var s) && s.ValueKind == JsonValueKind.Object;

    /// <summary>The media kind, the persistent file id (remote.id) and the text or caption of a MessageContent.</summary>
    public static (MediaKind Media, string? FileId, FormattedText Text) ReadContent(JsonElement content)
    {
        var caption = content.TryGetProperty("caption", out var c) && c.ValueKind == JsonValueKind.Object
            ? ToFormattedText(c)
            : FormattedText.Plain("");
        switch (TypeOf(content))
        {
            case "messageText":
                return (MediaKind.None, null, ToFormattedText(content.GetProperty("text")));
            case "messagePhoto":
                return (MediaKind.Photo, LargestPhotoFileId(content), caption);
            case "messageVideo":
                return (MediaKind.Video, FileId(content, "video", "video"), caption);
            case "messageDocument":
                return (MediaKind.Document, FileId(content, "document", "document"), caption);
            case "messageAudio":
                return (MediaKind.Audio, FileId(content, "audio", "audio"), caption);
            case "messageVoiceNote":
                return (MediaKind.Voice, FileId(content, "voice_note", "voice"), caption);
            case "messageAnimation":
                return (MediaKind.Animation, FileId(content, "animation", "animation"), caption);
            case "messageSticker":
                return (MediaKind.Sticker, FileId(content, "sticker", "sticker"), FormattedText.Plain(""));
            case "messageVideoNote":
                return (MediaKind.VideoNote, FileId(content, "video_note", "video"), FormattedText.Plain(""));
            default:
                return (MediaKind.Other, null, caption);
        }
    }

    private static string? FileId(JsonElement content, string mediaField, string fileField) =>
        content.TryGetProperty(mediaField, out var media) && media.TryGetProperty(fileField, out var file)
            ? RemoteId(file)
            : null;

    private static string? RemoteId(JsonElement file) =>
        file.TryGetProperty("remote", out var remote) && remote.TryGetProperty("id", out var id) ? id.GetString() : null;

    private static string? LargestPhotoFileId(JsonElement content)
    {
        if (!content.TryGetProperty("photo", out var photo) || !photo.TryGetProperty("sizes", out var sizes))
        {
            return null;
        }
        string? best = null;
        long bestArea = -1;
        foreach (var size in sizes.EnumerateArray())
        {
            var area = GetInt64(size, "width") * GetInt64(size, "height");
            if (area > bestArea && size.TryGetProperty("photo", out var file))
            {
                bestArea = area;
                best = RemoteId(file);
            }
        }
        return best;
    }

    /// <summary>updateDeleteMessages as the port's update, or null when the messages only left TDLib's
    /// cache (is_permanent false): those still exist on Telegram.</summary>
    public static MessagesDeletedUpdate? ToDeletedUpdate(JsonElement update)
    {
        if (!GetBool(update, "is_permanent"))
        {
            return null;
        }
        var ids = update.GetProperty("message_ids").EnumerateArray().Select(e => ToPortMessageId(e.GetInt64())).ToList();
        return new MessagesDeletedUpdate(GetInt64(update, "chat_id"), ids);
    }

    // ---- text ----

    public static FormattedText ToFormattedText(JsonElement formattedText)
    {
        var text = GetString(formattedText, "text") ?? "";
        var entities = new List<TextEntity>();
        if (formattedText.TryGetProperty("entities", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in list.EnumerateArray())
            {
                var (type, url) = ToEntityType(e.GetProperty("type"));
                entities.Add(new TextEntity(GetInt32(e, "offset"), GetInt32(e, "length"), type, url));
            }
        }
        return new FormattedText(text, entities);
    }

    /// <summary>The port names entity types as the Bot API does; <see cref="TextEntity.Url"/> carries the
    /// one parameter a type has: the link of text_link, tg://user?id=N of text_mention, the language of
    /// pre, the id of custom_emoji, the seconds of media_timestamp.</summary>
    private static (string Type, string? Url) ToEntityType(JsonElement type)
    {
        var td = TypeOf(type);
        return td switch
        {
            "textEntityTypeTextUrl" => ("text_link", GetString(type, "url")),
            "textEntityTypeMentionName" => ("text_mention", $"tg://user?id={GetInt64(type, "user_id")}"),
            "textEntityTypePreCode" => ("pre", GetString(type, "language") is { Length: > 0 } lang ? lang : null),
            "textEntityTypeCustomEmoji" => ("custom_emoji", GetInt64(type, "custom_emoji_id").ToString(CultureInfo.InvariantCulture)),
            "textEntityTypeMediaTimestamp" => ("media_timestamp", GetInt64(type, "media_timestamp").ToString(CultureInfo.InvariantCulture)),
            _ => (EntityNames.FirstOrDefault(p => p.Td == td).Port ?? SnakeCase(td.Replace("textEntityType", "", StringComparison.Ordinal)), null),
        };
    }

    private static readonly (string Td, string Port)[] EntityNames =
    [
        ("textEntityTypeMention", "mention"), ("textEntityTypeHashtag", "hashtag"), ("textEntityTypeCashtag", "cashtag"),
        ("textEntityTypeBotCommand", "bot_command"), ("textEntityTypeUrl", "url"), ("textEntityTypeEmailAddress", "email"),
        ("textEntityTypePhoneNumber", "phone_number"), ("textEntityTypeBankCardNumber", "bank_card_number"),
        ("textEntityTypeBold", "bold"), ("textEntityTypeItalic", "italic"), ("textEntityTypeUnderline", "underline"),
        ("textEntityTypeStrikethrough", "strikethrough"), ("textEntityTypeSpoiler", "spoiler"), ("textEntityTypeCode", "code"),
        ("textEntityTypePre", "pre"), ("textEntityTypeBlockQuote", "blockquote"),
        ("textEntityTypeExpandableBlockQuote", "expandable_blockquote"),
    ];

    private static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    public static JsonObject FromFormattedText(FormattedText text)
    {
        var entities = new JsonArray();
        foreach (var e in text.Entities)
        {
            if (FromEntityType(e) is { } type)
            {
                entities.Add(new JsonObject { ["@type"] = "textEntity", ["offset"] = e.Offset, ["length"] = e.Length, ["type"] = type });
            }
        }
        return new JsonObject { ["@type"] = "formattedText", ["text"] = text.Text, ["entities"] = entities };
    }

    /// <summary>TDLib's entity type for a port entity, or null for one TDLib cannot take as input
    /// (it then goes unformatted rather than failing the whole message).</summary>
    private static JsonObject? FromEntityType(TextEntity e)
    {
        switch (e.Type)
        {
            case "text_link" when !string.IsNullOrEmpty(e.Url):
                return new JsonObject { ["@type"] = "textEntityTypeTextUrl", ["url"] = e.Url };
            case "text_mention" when e.Url is not null && e.Url.StartsWith("tg://user?id=", StringComparison.Ordinal)
                && long.TryParse(e.Url.AsSpan("tg://user?id=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var userId):
                return new JsonObject { ["@type"] = "textEntityTypeMentionName", ["user_id"] = userId };
            case "pre" when !string.IsNullOrEmpty(e.Url):
                return new JsonObject { ["@type"] = "textEntityTypePreCode", ["language"] = e.Url };
            case "custom_emoji" when e.Url is not null:
                return new JsonObject { ["@type"] = "textEntityTypeCustomEmoji", ["custom_emoji_id"] = e.Url };
            case "media_timestamp" when int.TryParse(e.Url, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds):
                return new JsonObject { ["@type"] = "textEntityTypeMediaTimestamp", ["media_timestamp"] = seconds };
            default:
                var td = EntityNames.FirstOrDefault(p => p.Port == e.Type).Td;
                return td is null ? null : new JsonObject { ["@type"] = td };
        }
    }

    // ---- users and chats ----

    public static AccountUser ToUser(JsonElement user) =>
        new(GetInt64(user, "id"), Username(user), GetString(user, "first_name") ?? "", GetBool(user, "is_premium"));

    /// <summary>The chat as the port sees it. <paramref name="details"/> is the supergroup, basicGroup or
    /// user object of the chat's type (it holds the username and the account's membership).</summary>
    public static ChatInfo ToChatInfo(JsonElement chat, JsonElement? details)
    {
        var type = chat.GetProperty("type");
        var kind = TypeOf(type) switch
        {
            "chatTypeBasicGroup" => ChatKind.BasicGroup,
            "chatTypeSupergroup" => GetBool(type, "is_channel") ? ChatKind.Channel : ChatKind.Supergroup,
            _ => ChatKind.Private,
        };
        var username = details is { } d ? Username(d) : null;
        bool isMember, canPost;
        if (kind == ChatKind.Private)
        {
            isMember = true;
            canPost = true;
        }
        else
        {
            var status = details is { } dd && dd.TryGetProperty("status", out var s) ? s : default;
            var canSendBasic = chat.TryGetProperty("permissions", out var p) && GetBool(p, "can_send_basic_messages");
            (isMember, canPost) = TypeOf(status) switch
            {
                "chatMemberStatusCreator" => (GetBool(status, "is_member"), true),
                "chatMemberStatusAdministrator" => (true, kind != ChatKind.Channel || GetBool(status.GetProperty("rights"), "can_post_messages")),
                "chatMemberStatusMember" => (true, kind != ChatKind.Channel && canSendBasic),
                "chatMemberStatusRestricted" => (GetBool(status, "is_member"),
                    kind != ChatKind.Channel && GetBool(status, "is_member") && status.TryGetProperty("permissions", out var rp) && GetBool(rp, "can_send_basic_messages")),
                _ => (false, false),
            };
        }
        return new ChatInfo(GetInt64(chat, "id"), kind, GetString(chat, "title") ?? "", username, isMember, canPost);
    }

    /// <summary>What an invite link tells about a chat the account cannot see yet: the id is known only
    /// when the account may already look into the chat (0 otherwise).</summary>
    public static ChatInfo ToChatInfo(JsonElement chatInviteLinkInfo)
    {
        var kind = TypeOf(chatInviteLinkInfo.TryGetProperty("type", out var t) ? t : default) switch
        {
            "inviteLinkChatTypeBasicGroup" => ChatKind.BasicGroup,
            "inviteLinkChatTypeSupergroup" => ChatKind.Supergroup,
            _ => ChatKind.Channel,
        };
        return new ChatInfo(GetInt64(chatInviteLinkInfo, "chat_id"), kind, GetString(chatInviteLinkInfo, "title") ?? "", null, false, false);
    }

    private static string? Username(JsonElement userOrGroup)
    {
        if (!userOrGroup.TryGetProperty("usernames", out var u) || u.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (GetString(u, "editable_username") is { Length: > 0 } editable)
        {
            return editable;
        }
        return u.TryGetProperty("active_usernames", out var active) && active.GetArrayLength() > 0 ? active[0].GetString() : null;
    }

    // ---- readers: TDLib writes int64 as strings and int53/int32 as numbers ----

    public static long GetInt64(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v))
        {
            return 0;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt64(out var n) ? n : (long)v.GetDouble(),
            JsonValueKind.String => long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0,
            _ => 0,
        };
    }

    public static int GetInt32(JsonElement obj, string name) => (int)GetInt64(obj, name);

    public static bool GetBool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static string? GetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
