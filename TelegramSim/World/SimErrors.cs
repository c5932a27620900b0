namespace Cluster.TelegramSim.World;

/// <summary>Telegram's errors, with the Bot API's exact wording and the matching MTProto error names.
/// One place, so every path refuses the same thing the same way.</summary>
public static class SimErrors
{
    public static SimException BadRequest(string what, string accountError = "BAD_REQUEST") => new(400, "Bad Request: " + what, accountError);

    public static SimException ChatNotFound() => new(400, "Bad Request: chat not found", "PEER_ID_INVALID");
    public static SimException UserNotFound() => new(400, "Bad Request: user not found", "USER_ID_INVALID");
    public static SimException MemberListInaccessible() => new(400, "Bad Request: member list is inaccessible", "CHAT_ADMIN_REQUIRED");
    public static SimException NotMember(SimChatType type) => new(403, $"Forbidden: bot is not a member of the {ChatWord(type)} chat", "CHANNEL_PRIVATE");
    public static SimException Kicked(SimChatType type) => new(403, $"Forbidden: bot was kicked from the {ChatWord(type)} chat", "CHANNEL_PRIVATE");
    public static SimException CantInitiate() => new(403, "Forbidden: bot can't initiate conversation with a user", "USER_IS_BLOCKED");
    public static SimException BlockedByUser() => new(403, "Forbidden: bot was blocked by the user", "USER_IS_BLOCKED");
    public static SimException BotToBot() => new(403, "Forbidden: bot can't send messages to bots", "USER_IS_BOT");
    public static SimException NeedChannelAdmin() => new(400, "Bad Request: need administrator rights in the channel chat", "CHAT_ADMIN_REQUIRED");
    public static SimException NotEnoughRightsToSend(SimMediaKind? media) =>
        new(400, $"Bad Request: not enough rights to send {MediaWord(media)} to the chat", "CHAT_WRITE_FORBIDDEN");
    public static SimException NotEnoughRightsToRestrict() => new(400, "Bad Request: not enough rights to restrict/unrestrict chat member", "CHAT_ADMIN_REQUIRED");
    public static SimException NotEnoughRightsToInvite() => new(400, "Bad Request: not enough rights to manage chat invite link", "CHAT_ADMIN_REQUIRED");
    public static SimException UserIsAdmin() => new(400, "Bad Request: user is an administrator of the chat", "USER_ADMIN_INVALID");
    public static SimException CantRemoveOwner() => new(400, "Bad Request: can't remove chat owner", "USER_ADMIN_INVALID");
    public static SimException CantRestrictSelf() => new(400, "Bad Request: can't restrict self", "USER_ADMIN_INVALID");
    public static SimException GroupUpgraded(long supergroupId) =>
        new(400, "Bad Request: group chat was upgraded to a supergroup chat", "CHAT_MIGRATED", migrateToChatId: supergroupId);
    public static SimException SupergroupsOnly() => new(400, "Bad Request: method is available only for supergroups", "CHAT_INVALID");
    public static SimException MessageTextEmpty() => new(400, "Bad Request: message text is empty", "MESSAGE_EMPTY");
    public static SimException MessageTooLong() => new(400, "Bad Request: message is too long", "MESSAGE_TOO_LONG");
    public static SimException CaptionTooLong() => new(400, "Bad Request: message caption is too long", "MEDIA_CAPTION_TOO_LONG");
    public static SimException MessageToEditNotFound() => new(400, "Bad Request: message to edit not found", "MESSAGE_ID_INVALID");
    public static SimException MessageCantBeEdited() => new(400, "Bad Request: message can't be edited", "MESSAGE_AUTHOR_REQUIRED");
    public static SimException NoTextToEdit() => new(400, "Bad Request: there is no text in the message to edit", "MESSAGE_ID_INVALID");
    public static SimException NoCaptionToEdit() => new(400, "Bad Request: there is no caption in the message to edit", "MESSAGE_ID_INVALID");
    public static SimException MessageNotModified() => new(400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        "MESSAGE_NOT_MODIFIED");
    public static SimException MessageToDeleteNotFound() => new(400, "Bad Request: message to delete not found", "MESSAGE_ID_INVALID");
    public static SimException MessageCantBeDeleted() => new(400, "Bad Request: message can't be deleted", "MESSAGE_DELETE_FORBIDDEN");
    public static SimException MessageToForwardNotFound() => new(400, "Bad Request: message to forward not found", "MESSAGE_ID_INVALID");
    public static SimException MessageToCopyNotFound() => new(400, "Bad Request: message to copy not found", "MESSAGE_ID_INVALID");
    public static SimException MessageCantBeCopied() => new(400, "Bad Request: message can't be copied", "MESSAGE_ID_INVALID");
    public static SimException ReplyNotFound() => new(400, "Bad Request: message to be replied not found", "REPLY_MESSAGE_ID_INVALID");
    public static SimException WrongFileId() => new(400, "Bad Request: wrong file identifier/HTTP URL specified", "FILE_REFERENCE_INVALID");
    public static SimException QueryTooOld() => new(400, "Bad Request: query is too old and response timeout expired or query ID is invalid", "QUERY_ID_INVALID");
    public static SimException InviteLinkInvalid() => new(400, "Bad Request: INVITE_HASH_INVALID", "INVITE_HASH_INVALID");
    public static SimException UserBanned() => new(400, "Bad Request: USER_BANNED_IN_CHANNEL", "USER_BANNED_IN_CHANNEL");

    public static SimException TooManyRequests(int retryAfter) => new(429, $"Too Many Requests: retry after {retryAfter}", $"FLOOD_WAIT_{retryAfter}", retryAfter);
    public static SimException PeerFlood() => new(400, "Bad Request: PEER_FLOOD", "PEER_FLOOD");

    public static SimException ConflictTerminated() => new(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", "CONFLICT");
    public static SimException ConflictWebhookActive() => new(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", "CONFLICT");

    // Account-only errors (MTProto names; the Bot API never returns these).
    public static SimException AuthKeyDuplicated() => new(406, "AUTH_KEY_DUPLICATED", "AUTH_KEY_DUPLICATED");
    public static SimException SessionRevoked() => new(401, "SESSION_REVOKED", "SESSION_REVOKED");
    public static SimException AuthKeyUnregistered() => new(401, "AUTH_KEY_UNREGISTERED", "AUTH_KEY_UNREGISTERED");
    public static SimException PhoneNumberInvalid() => new(400, "PHONE_NUMBER_INVALID", "PHONE_NUMBER_INVALID");
    public static SimException PhoneNumberBanned() => new(400, "PHONE_NUMBER_BANNED", "PHONE_NUMBER_BANNED");
    public static SimException PhoneCodeInvalid() => new(400, "PHONE_CODE_INVALID", "PHONE_CODE_INVALID");
    public static SimException PhoneCodeExpired() => new(400, "PHONE_CODE_EXPIRED", "PHONE_CODE_EXPIRED");
    public static SimException PasswordInvalid() => new(400, "PASSWORD_HASH_INVALID", "PASSWORD_HASH_INVALID");
    public static SimException UserDeactivatedBan() => new(401, "USER_DEACTIVATED_BAN", "USER_DEACTIVATED_BAN");
    public static SimException UsernameNotOccupied() => new(400, "Bad Request: chat not found", "USERNAME_NOT_OCCUPIED");
    public static SimException ChannelPrivate() => new(400, "Bad Request: chat not found", "CHANNEL_PRIVATE");
    public static SimException ChatWriteForbidden() => new(403, "Forbidden: CHAT_WRITE_FORBIDDEN", "CHAT_WRITE_FORBIDDEN");
    public static SimException ChatAdminRequired() => new(400, "Bad Request: CHAT_ADMIN_REQUIRED", "CHAT_ADMIN_REQUIRED");
    public static SimException UnexpectedState(string what) => new(400, "Bad Request: " + what, what);

    private static string ChatWord(SimChatType type) => type switch
    {
        SimChatType.Channel => "channel",
        SimChatType.Supergroup => "supergroup",
        SimChatType.Group => "group",
        _ => "private",
    };

    private static string MediaWord(SimMediaKind? media) => media switch
    {
        null => "text messages",
        SimMediaKind.Photo => "photos",
        SimMediaKind.Video => "videos",
        SimMediaKind.Document => "documents",
        SimMediaKind.Audio => "audios",
        SimMediaKind.Voice => "voice notes",
        SimMediaKind.VideoNote => "video notes",
        _ => "stickers, GIFs, games or inline bot results",
    };
}
