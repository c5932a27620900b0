namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to a log-in step: the account's state afterwards, what it needs next, and a message
/// for the admin when the step was refused (wrong code, expired code, wrong password).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.LoginResult")]
public sealed record LoginResult([Id(0)] AccountState State, [Id(1)] LoginStep NextStep, [Id(2)] bool Accepted, [Id(3)] string? Message);
