namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of copyMessages (core.telegram.org/bots/api#copymessages): 1-100 messages, albums kept together.</summary>
/// <remarks><see cref="MessageIds"/> must be strictly increasing.</remarks>
public sealed record CopyMessagesRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public ChatId FromChatId { get; init; }
    public IReadOnlyList<int> MessageIds { get; init; } = [];
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public bool? RemoveCaption { get; init; }
}
