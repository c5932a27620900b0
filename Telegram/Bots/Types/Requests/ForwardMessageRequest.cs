namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of forwardMessage (core.telegram.org/bots/api#forwardmessage).</summary>
/// <remarks>The copy carries a forward_origin; use copyMessage to hide it.</remarks>
public sealed record ForwardMessageRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public ChatId FromChatId { get; init; }
    public int MessageId { get; init; }
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
}
