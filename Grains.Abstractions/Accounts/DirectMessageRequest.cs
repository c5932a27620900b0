using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>A private message to a user named by id, "@username" or "+phone" (a campaign's send): a text, or, with
/// <see cref="Copy"/>, a copy of that post with <see cref="Text"/> as its caption (the post's own caption when empty).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.DirectMessageRequest")]
public sealed record DirectMessageRequest([Id(0)] string Recipient, [Id(1)] MessageText Text, [Id(2)] PostReference? Copy = null);
