namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of deleteMessage (core.telegram.org/bots/api#deletemessage).</summary>
/// <remarks>Bots may delete others' messages only as admins with can_delete_messages, and only within 48 hours.</remarks>
public sealed record DeleteMessageRequest
{
    public ChatId ChatId { get; init; }
    public int MessageId { get; init; }
}
