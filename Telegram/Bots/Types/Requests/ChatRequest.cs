namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of the methods that only name a chat: getChat, getChatAdministrators.</summary>
/// <remarks>Shared because the wire shape is the same single field.</remarks>
public sealed record ChatRequest
{
    public ChatId ChatId { get; init; }
}
