using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Send a text message (a copied text message whose text was transformed), optionally as a reply to
/// <see cref="ReplyToMessageId"/> of the same chat (sent as a plain message when that message is not there).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SendTextRequest")]
public sealed record SendTextRequest([Id(0)] long ChatId, [Id(1)] MessageText Text, [Id(2)] long? ReplyToMessageId = null);
