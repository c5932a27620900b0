using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Edit the text or caption of a message the account sent (edit mirroring).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.EditTextRequest")]
public sealed record EditTextRequest([Id(0)] long ChatId, [Id(1)] long MessageId, [Id(2)] MessageText Text);
