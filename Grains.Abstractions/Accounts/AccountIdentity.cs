namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Who the account is on Telegram once logged in.</summary>
public sealed record AccountIdentity(long UserId, string? Username, string FirstName, bool IsPremium);
