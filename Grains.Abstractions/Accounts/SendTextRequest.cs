using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Send a text message (a copied text message whose text was transformed).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SendTextRequest")]
public sealed record SendTextRequest([Id(0)] long ChatId, [Id(1)] MessageText Text);
