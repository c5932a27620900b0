namespace Cluster.TelegramSim.World;

/// <summary>A refusal by the simulated Telegram, carrying both faces of the error: the Bot API's
/// HTTP code and description ("Bad Request: chat not found") and the MTProto error an account sees
/// ("PEER_ID_INVALID"). <see cref="RetryAfterSeconds"/> is set for flood limits.</summary>
public sealed class SimException(int code, string botDescription, string accountError, int? retryAfterSeconds = null, long? migrateToChatId = null)
    : Exception(botDescription)
{
    /// <summary>The HTTP status / error_code (400, 403, 404, 409, 429, ...).</summary>
    public int Code { get; } = code;

    /// <summary>The Bot API description, exactly as Telegram words it.</summary>
    public string BotDescription { get; } = botDescription;

    /// <summary>The MTProto error name an account receives (e.g. "FLOOD_WAIT_5", "CHAT_WRITE_FORBIDDEN").</summary>
    public string AccountError { get; } = accountError;

    /// <summary>Seconds to wait before retrying, for 429 / FLOOD_WAIT.</summary>
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary>The supergroup a basic group became, for "group chat was upgraded to a supergroup chat".</summary>
    public long? MigrateToChatId { get; } = migrateToChatId;

    /// <summary>The MTProto error code for an account (420 for FLOOD_WAIT, else <see cref="Code"/>).</summary>
    public int AccountCode => AccountError.StartsWith("FLOOD_WAIT_", StringComparison.Ordinal) ? 420 : Code;
}
