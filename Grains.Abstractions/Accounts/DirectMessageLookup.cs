using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Whether this account sent the user, since <see cref="NotBefore"/>, a message with <see cref="Media"/> (none: a
/// text) and <see cref="Text"/> as its text or caption (any text or caption when <see cref="AnyText"/>: a copy of a post
/// that kept the post's own caption). How a campaign resolves a send in doubt: it looks among the dialog's newest messages.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.DirectMessageLookup")]
public sealed record DirectMessageLookup(
    [Id(0)] string Recipient,
    [Id(1)] MessageText Text,
    [Id(2)] DateTimeOffset NotBefore,
    [Id(3)] MessageMediaKind Media = MessageMediaKind.None,
    [Id(4)] bool AnyText = false);
