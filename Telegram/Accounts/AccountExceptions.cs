namespace Cluster.Telegram.Accounts;

/// <summary>A Telegram error for a user account, with Telegram's code and message (e.g. 400 "CHAT_WRITE_FORBIDDEN").</summary>
public class TelegramAccountException(int code, string telegramMessage, string? message = null)
    : Exception(message ?? $"Telegram error {code}: {telegramMessage}")
{
    public int Code { get; } = code;
    public string TelegramMessage { get; } = telegramMessage;
}

/// <summary>This process no longer holds the account's session lease (another silo may run it now): nothing more may be sent
/// with the session, or Telegram would see it used from two places (AUTH_KEY_DUPLICATED).</summary>
public sealed class SessionNotHeldException(string accountId)
    : TelegramAccountException(0, "SESSION_NOT_HELD", $"Account {accountId}: this process no longer holds the session's lease");

/// <summary>FLOOD_WAIT_X / 429 "retry after X": the account must not make this kind of request for <see cref="RetryAfter"/>.</summary>
public sealed class FloodWaitException(TimeSpan retryAfter, string telegramMessage)
    : TelegramAccountException(429, telegramMessage, $"Flood wait: retry after {retryAfter.TotalSeconds:0} s ({telegramMessage})")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>PEER_FLOOD: the account sent too many messages to users who do not know it.</summary>
public sealed class PeerFloodException(string telegramMessage) : TelegramAccountException(400, telegramMessage);

/// <summary>AUTH_KEY_DUPLICATED: the session is connected twice at once; Telegram drops both.</summary>
public sealed class AuthKeyDuplicatedException(string telegramMessage) : TelegramAccountException(406, telegramMessage);

/// <summary>SESSION_REVOKED / AUTH_KEY_UNREGISTERED / 401: the session is no longer valid; log in again.</summary>
public sealed class SessionRevokedException(string telegramMessage) : TelegramAccountException(401, telegramMessage);

/// <summary>CHAT_WRITE_FORBIDDEN / CHAT_ADMIN_REQUIRED: the account may not post in the chat.</summary>
public sealed class ChatWriteForbiddenException(string telegramMessage) : TelegramAccountException(403, telegramMessage);

/// <summary>CHANNEL_PRIVATE: the channel is private and the account is not a member.</summary>
public sealed class ChannelPrivateException(string telegramMessage) : TelegramAccountException(400, telegramMessage);

/// <summary>USERNAME_NOT_OCCUPIED / USERNAME_INVALID: no chat has that username.</summary>
public sealed class UsernameNotOccupiedException(string telegramMessage) : TelegramAccountException(400, telegramMessage);

/// <summary>CHAT_NOT_FOUND / PEER_ID_INVALID: no such chat, or the account cannot see it.</summary>
public sealed class ChatNotFoundException(string telegramMessage) : TelegramAccountException(400, telegramMessage);

/// <summary>PHONE_CODE_INVALID / PHONE_CODE_EXPIRED / PASSWORD_HASH_INVALID and similar log-in errors.</summary>
public sealed class LoginException(string telegramMessage) : TelegramAccountException(400, telegramMessage);

/// <summary>USER_DEACTIVATED_BAN and similar: the account is banned by Telegram.</summary>
public sealed class AccountBannedException(string telegramMessage) : TelegramAccountException(401, telegramMessage);

/// <summary>USER_PRIVACY_RESTRICTED / PRIVACY_PREMIUM_REQUIRED: the user's privacy settings refuse messages from this account.</summary>
public sealed class UserPrivacyRestrictedException(string telegramMessage) : TelegramAccountException(403, telegramMessage);

/// <summary>USER_IS_BLOCKED / YOU_BLOCKED_USER: the user blocked this account (or it blocked them): no message can be sent.</summary>
public sealed class UserBlockedException(string telegramMessage) : TelegramAccountException(400, telegramMessage);
