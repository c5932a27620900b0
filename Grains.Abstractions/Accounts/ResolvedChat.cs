namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>A chat reference ("@name", id, invite link) resolved by an account: its id and what the account may do there.</summary>
public sealed record ResolvedChat(long ChatId, ChatKind Kind, string Title, string? Username, bool IsMember, bool CanPost);
