using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Whether this account sent <see cref="Text"/> to the user since <see cref="NotBefore"/>: how a campaign resolves a
/// send in doubt (it looks among the dialog's newest messages).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.DirectMessageLookup")]
public sealed record DirectMessageLookup([Id(0)] string Recipient, [Id(1)] MessageText Text, [Id(2)] DateTimeOffset NotBefore);
