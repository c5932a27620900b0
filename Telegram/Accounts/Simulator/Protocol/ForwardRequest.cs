namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/forward: with the forward header, or a copy without it (optionally with new captions);
/// copies optionally as a reply to <see cref="ReplyToMessageId"/> of the destination chat.</summary>
public sealed record ForwardRequest(long ToChatId, long FromChatId, IReadOnlyList<long> MessageIds, bool SendCopy, IReadOnlyList<CaptionWire>? NewCaptions, long? ReplyToMessageId = null);
