namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of deleteMessages (core.telegram.org/bots/api#deletemessages): 1-100 ids.</summary>
/// <remarks>Ids that cannot be deleted are skipped silently by Telegram.</remarks>
public sealed record DeleteMessagesRequest
{
    public ChatId ChatId { get; init; }
    public IReadOnlyList<int> MessageIds { get; init; } = [];
}
