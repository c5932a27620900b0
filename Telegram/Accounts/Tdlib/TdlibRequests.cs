using System.Text.Json.Nodes;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Builds TDLib requests (JSON objects named by "@type", fields as in td_api.tl of TDLib 1.8.65).
/// Message ids here are TDLib's; callers convert from the port's ids first.</summary>
internal static class TdlibRequests
{
    public static JsonObject SetLogVerbosityLevel(int level) => new() { ["@type"] = "setLogVerbosityLevel", ["new_verbosity_level"] = level };

    public static JsonObject GetOption(string name) => new() { ["@type"] = "getOption", ["name"] = name };

    public static JsonObject DisableNetwork() => new() { ["@type"] = "setNetworkType", ["type"] = new JsonObject { ["@type"] = "networkTypeNone" } };

    /// <summary>api_hash travels only inside this request; it is never logged.</summary>
    public static JsonObject SetTdlibParameters(AccountConnection connection, TdlibOptions options) => new()
    {
        ["@type"] = "setTdlibParameters",
        ["use_test_dc"] = options.UseTestDc,
        ["database_directory"] = Path.GetFullPath(connection.SessionDirectory),
        // Downloaded files are re-downloadable and can be large: a subfolder the session archive leaves out.
        ["files_directory"] = Path.Combine(Path.GetFullPath(connection.SessionDirectory), TdlibAccountClient.FilesFolder),
        ["database_encryption_key"] = "",
        ["use_file_database"] = options.UseFileDatabase,
        ["use_chat_info_database"] = options.UseChatInfoDatabase,
        ["use_message_database"] = options.UseMessageDatabase,
        ["use_secret_chats"] = false,
        ["api_id"] = connection.ApiId,
        ["api_hash"] = connection.ApiHash,
        ["system_language_code"] = options.SystemLanguageCode,
        ["device_model"] = options.DeviceModel,
        ["system_version"] = options.SystemVersion,
        ["application_version"] = options.ApplicationVersion,
    };

    public static JsonObject SetAuthenticationPhoneNumber(string phoneNumber) => new() { ["@type"] = "setAuthenticationPhoneNumber", ["phone_number"] = phoneNumber };

    public static JsonObject CheckAuthenticationCode(string code) => new() { ["@type"] = "checkAuthenticationCode", ["code"] = code };

    public static JsonObject CheckAuthenticationEmailCode(string code) => new()
    {
        ["@type"] = "checkAuthenticationEmailCode",
        ["code"] = new JsonObject { ["@type"] = "emailAddressAuthenticationCode", ["code"] = code },
    };

    public static JsonObject CheckAuthenticationPassword(string password) => new() { ["@type"] = "checkAuthenticationPassword", ["password"] = password };

    public static JsonObject LogOut() => new() { ["@type"] = "logOut" };

    public static JsonObject Close() => new() { ["@type"] = "close" };

    public static JsonObject GetMe() => new() { ["@type"] = "getMe" };

    public static JsonObject GetUser(long userId) => new() { ["@type"] = "getUser", ["user_id"] = userId };

    public static JsonObject GetChat(long chatId) => new() { ["@type"] = "getChat", ["chat_id"] = chatId };

    public static JsonObject GetSupergroup(long supergroupId) => new() { ["@type"] = "getSupergroup", ["supergroup_id"] = supergroupId };

    public static JsonObject GetBasicGroup(long basicGroupId) => new() { ["@type"] = "getBasicGroup", ["basic_group_id"] = basicGroupId };

    public static JsonObject SearchPublicChat(string username) => new() { ["@type"] = "searchPublicChat", ["username"] = username };

    /// <summary>td_api.tl: searchUserByPhoneNumber phone_number:string only_local:Bool = User.</summary>
    public static JsonObject SearchUserByPhoneNumber(string phoneNumber) => new() { ["@type"] = "searchUserByPhoneNumber", ["phone_number"] = phoneNumber, ["only_local"] = false };

    /// <summary>td_api.tl: createPrivateChat user_id:int53 force:Bool = Chat (the chat's id is the user's id).</summary>
    public static JsonObject CreatePrivateChat(long userId) => new() { ["@type"] = "createPrivateChat", ["user_id"] = userId, ["force"] = false };

    public static JsonObject CheckChatInviteLink(string link) => new() { ["@type"] = "checkChatInviteLink", ["invite_link"] = link };

    public static JsonObject JoinChatByInviteLink(string link) => new() { ["@type"] = "joinChatByInviteLink", ["invite_link"] = link };

    public static JsonObject JoinChat(long chatId) => new() { ["@type"] = "joinChat", ["chat_id"] = chatId };

    /// <summary>A negative offset asks for messages newer than <paramref name="fromTdMessageId"/>; TDLib
    /// requires limit &gt;= -offset and returns newest first.</summary>
    public static JsonObject GetChatHistory(long chatId, long fromTdMessageId, int offset, int limit) => new()
    {
        ["@type"] = "getChatHistory",
        ["chat_id"] = chatId,
        ["from_message_id"] = fromTdMessageId,
        ["offset"] = offset,
        ["limit"] = limit,
        ["only_local"] = false,
    };

    public static JsonObject GetMessage(long chatId, long tdMessageId) => new() { ["@type"] = "getMessage", ["chat_id"] = chatId, ["message_id"] = tdMessageId };

    public static JsonObject GetMessages(long chatId, IEnumerable<long> tdMessageIds) => new()
    {
        ["@type"] = "getMessages",
        ["chat_id"] = chatId,
        ["message_ids"] = Ids(tdMessageIds),
    };

    public static JsonObject ForwardMessages(long toChatId, long fromChatId, IEnumerable<long> tdMessageIds, bool sendCopy) => new()
    {
        ["@type"] = "forwardMessages",
        ["chat_id"] = toChatId,
        ["from_chat_id"] = fromChatId,
        ["message_ids"] = Ids(tdMessageIds),
        ["send_copy"] = sendCopy,
        ["remove_caption"] = false,
    };

    /// <summary>A copy of one message (no forward header), its caption replaced when <paramref name="newCaption"/> is given.</summary>
    public static JsonObject InputMessageCopy(long fromChatId, long tdMessageId, FormattedText? newCaption) => new()
    {
        ["@type"] = "inputMessageForwarded",
        ["from_chat_id"] = fromChatId,
        ["message_id"] = tdMessageId,
        ["in_game_share"] = false,
        ["copy_options"] = new JsonObject
        {
            ["@type"] = "messageCopyOptions",
            ["send_copy"] = true,
            ["replace_caption"] = newCaption is not null,
            ["new_caption"] = newCaption is null ? null : TdlibJsonMapper.FromFormattedText(newCaption),
        },
    };

    public static JsonObject InputMessageText(FormattedText text) => new()
    {
        ["@type"] = "inputMessageText",
        ["text"] = TdlibJsonMapper.FromFormattedText(text),
        ["clear_draft"] = false,
    };

    /// <summary>sendMessage, as a reply to <paramref name="replyToTdMessageId"/> of the same chat when given
    /// (inputMessageReplyToMessage; TDLib sends a reply to a message it cannot find as a plain message).</summary>
    public static JsonObject SendMessage(long chatId, JsonObject inputMessageContent, long? replyToTdMessageId = null)
    {
        var request = new JsonObject { ["@type"] = "sendMessage", ["chat_id"] = chatId };
        if (replyToTdMessageId is { } reply) request["reply_to"] = ReplyTo(reply);
        request["input_message_content"] = inputMessageContent;
        return request;
    }

    /// <summary>sendMessageAlbum, every message a reply to <paramref name="replyToTdMessageId"/> when given.</summary>
    public static JsonObject SendMessageAlbum(long chatId, IEnumerable<JsonObject> inputMessageContents, long? replyToTdMessageId = null)
    {
        var contents = new JsonArray();
        foreach (var c in inputMessageContents)
        {
            contents.Add(c);
        }
        var request = new JsonObject { ["@type"] = "sendMessageAlbum", ["chat_id"] = chatId };
        if (replyToTdMessageId is { } reply) request["reply_to"] = ReplyTo(reply);
        request["input_message_contents"] = contents;
        return request;
    }

    /// <summary>A reply to a whole message of the same chat, without a quote (the fields left out, checklist task and poll
    /// option, default to none).</summary>
    public static JsonObject ReplyTo(long tdMessageId) => new()
    {
        ["@type"] = "inputMessageReplyToMessage",
        ["message_id"] = tdMessageId,
        ["quote"] = null,
    };

    public static JsonObject EditMessageText(long chatId, long tdMessageId, FormattedText text) => new()
    {
        ["@type"] = "editMessageText",
        ["chat_id"] = chatId,
        ["message_id"] = tdMessageId,
        ["input_message_content"] = InputMessageText(text),
    };

    public static JsonObject EditMessageCaption(long chatId, long tdMessageId, FormattedText caption) => new()
    {
        ["@type"] = "editMessageCaption",
        ["chat_id"] = chatId,
        ["message_id"] = tdMessageId,
        ["caption"] = TdlibJsonMapper.FromFormattedText(caption),
    };

    public static JsonObject DeleteMessages(long chatId, IEnumerable<long> tdMessageIds) => new()
    {
        ["@type"] = "deleteMessages",
        ["chat_id"] = chatId,
        ["message_ids"] = Ids(tdMessageIds),
        ["revoke"] = true,
    };

    private static JsonArray Ids(IEnumerable<long> ids)
    {
        var array = new JsonArray();
        foreach (var id in ids)
        {
            array.Add(id);
        }
        return array;
    }
}
