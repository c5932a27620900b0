namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>A chat reference ("@name", id, invite link) resolved by an account: its id and what the account may do there.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ResolvedChat")]
public sealed record ResolvedChat([Id(0)] long ChatId, [Id(1)] ChatKind Kind, [Id(2)] string Title, [Id(3)] string? Username, [Id(4)] bool IsMember, [Id(5)] bool CanPost);
