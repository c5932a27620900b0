namespace Cluster.Telegram.Bots.Types;

/// <summary>What a sent message replies to (core.telegram.org/bots/api#replyparameters).</summary>
/// <remarks>With allow_sending_without_reply the send succeeds even if the target was deleted.</remarks>
public sealed record ReplyParameters
{
    public int MessageId { get; init; }
    public ChatId? ChatId { get; init; }
    public bool? AllowSendingWithoutReply { get; init; }
    public string? Quote { get; init; }
}
