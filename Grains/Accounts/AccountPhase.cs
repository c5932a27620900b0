using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.Grains.Accounts;

/// <summary>An account's state with what belongs to it: the next log-in step, the end of a cooldown, the reason of
/// an error or ban. Stored in the account grain's state and changed only by <see cref="AccountStateMachine"/>.</summary>
public sealed record AccountPhase(AccountState State, LoginStep LoginStep, DateTimeOffset? CooldownUntil, string? Reason)
{
    public static AccountPhase Offline { get; } = new(AccountState.Offline, LoginStep.None, null, null);
}
