using System.Globalization;

namespace Cluster.Telegram.Accounts.Simulator;

/// <summary>Maps the simulator's MTProto error names to the port's typed exceptions, as the TDLib adapter does
/// for real Telegram errors.</summary>
internal static class SimulatorAccountErrors
{
    public static TelegramAccountException ToException(int code, string message, int? retryAfter)
    {
        if (message.StartsWith("FLOOD_WAIT_", StringComparison.Ordinal))
        {
            var seconds = retryAfter ?? (int.TryParse(message.AsSpan(11), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 1);
            return new FloodWaitException(TimeSpan.FromSeconds(seconds), message);
        }
        return message switch
        {
            "PEER_FLOOD" => new PeerFloodException(message),
            "AUTH_KEY_DUPLICATED" => new AuthKeyDuplicatedException(message),
            "SESSION_REVOKED" or "AUTH_KEY_UNREGISTERED" or "SESSION_EXPIRED" => new SessionRevokedException(message),
            "CHAT_WRITE_FORBIDDEN" or "CHAT_ADMIN_REQUIRED" or "CHAT_SEND_PLAIN_FORBIDDEN" or "CHAT_SEND_MEDIA_FORBIDDEN" => new ChatWriteForbiddenException(message),
            "CHANNEL_PRIVATE" or "USER_BANNED_IN_CHANNEL" => new ChannelPrivateException(message),
            "USERNAME_NOT_OCCUPIED" or "USERNAME_INVALID" => new UsernameNotOccupiedException(message),
            "PEER_ID_INVALID" or "CHAT_NOT_FOUND" or "CHAT_ID_INVALID" or "USER_ID_INVALID" or "INPUT_USER_DEACTIVATED" or "PHONE_NOT_OCCUPIED" => new ChatNotFoundException(message),
            "USER_PRIVACY_RESTRICTED" or "PRIVACY_PREMIUM_REQUIRED" => new UserPrivacyRestrictedException(message),
            "USER_IS_BLOCKED" or "YOU_BLOCKED_USER" => new UserBlockedException(message),
            "PHONE_CODE_INVALID" or "PHONE_CODE_EXPIRED" or "PASSWORD_HASH_INVALID" or "PHONE_NUMBER_INVALID" or "PHONE_NUMBER_UNOCCUPIED" => new LoginException(message),
            "USER_DEACTIVATED_BAN" or "USER_DEACTIVATED" or "PHONE_NUMBER_BANNED" => new AccountBannedException(message),
            _ => new TelegramAccountException(code, message),
        };
    }
}
