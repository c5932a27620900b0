namespace Cluster.Telegram.Bots.Types;

/// <summary>Why a request failed and how to recover (core.telegram.org/bots/api#responseparameters).</summary>
/// <remarks>migrate_to_chat_id after a group became a supergroup; retry_after (seconds) with a 429.</remarks>
public sealed record ResponseParameters
{
    public long? MigrateToChatId { get; init; }
    public int? RetryAfter { get; init; }
}
