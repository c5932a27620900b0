namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to a log-in step: the account's state afterwards, what it needs next, and a message
/// for the admin when the step was refused (wrong code, expired code, wrong password).</summary>
public sealed record LoginResult(AccountState State, LoginStep NextStep, bool Accepted, string? Message);
