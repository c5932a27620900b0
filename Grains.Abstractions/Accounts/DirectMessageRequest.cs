using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>A private text message to a user named by id, "@username" or "+phone" (a campaign's send).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.DirectMessageRequest")]
public sealed record DirectMessageRequest([Id(0)] string Recipient, [Id(1)] MessageText Text);
