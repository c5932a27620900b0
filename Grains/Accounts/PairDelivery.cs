using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Accounts;

/// <summary>One update of a source chat waiting in a pair's delivery lane: new messages (one message or an album, or
/// several joined while the pair was busy), an edited message (the one message), or deleted ids.</summary>
public sealed record PairDelivery(PairDeliveryKind Kind, long ChatId, IReadOnlyList<SourceMessage> Messages, IReadOnlyList<long> DeletedIds)
{
    public static PairDelivery New(long chatId, IReadOnlyList<SourceMessage> messages) => new(PairDeliveryKind.NewMessages, chatId, messages, []);

    public static PairDelivery Edit(SourceMessage message) => new(PairDeliveryKind.Edited, message.ChatId, [message], []);

    public static PairDelivery Delete(long chatId, IReadOnlyList<long> messageIds) => new(PairDeliveryKind.Deleted, chatId, [], messageIds);
}
