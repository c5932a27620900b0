using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Forward messages (an album together) with the forward header, or copy them without it
/// (<see cref="SendCopy"/>), optionally with new captions by source message id. A copy can be a reply to
/// <see cref="ReplyToMessageId"/> of the destination chat; a forward with its header cannot (Telegram forwards no reply).
/// A reply to a message that is not there is sent as a plain message.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ForwardRequest")]
public sealed record ForwardRequest(
    [Id(0)] long ToChatId,
    [Id(1)] long FromChatId,
    [Id(2)] IReadOnlyList<long> MessageIds,
    [Id(3)] bool SendCopy,
    [Id(4)] IReadOnlyDictionary<long, MessageText>? NewCaptions = null,
    [Id(5)] long? ReplyToMessageId = null);
