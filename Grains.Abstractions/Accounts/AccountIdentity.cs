namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Who the account is on Telegram once logged in.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AccountIdentity")]
public sealed record AccountIdentity([Id(0)] long UserId, [Id(1)] string? Username, [Id(2)] string FirstName, [Id(3)] bool IsPremium);
