namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>A chat as the account sees it; <see cref="Kind"/> is a <see cref="ChatKind"/> name.</summary>
public sealed record ChatWire(long Id, string Kind, string Title, string? Username, bool IsMember, bool CanPost);
