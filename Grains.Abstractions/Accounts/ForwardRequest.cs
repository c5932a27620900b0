using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Forward messages (an album together) with the forward header, or copy them without it
/// (<see cref="SendCopy"/>), optionally with new captions by source message id.</summary>
public sealed record ForwardRequest(
    long ToChatId,
    long FromChatId,
    IReadOnlyList<long> MessageIds,
    bool SendCopy,
    IReadOnlyDictionary<long, MessageText>? NewCaptions = null);
