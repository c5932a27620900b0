using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.Grains.Accounts;

/// <summary>The legal moves between account states. Pure: the grain applies a trigger, stores the new phase and acts
/// on it. A move that makes no sense (logging in an offline account, starting a banned one) throws
/// InvalidOperationException with a message for the admin; repeating a move that is already done is a no-op.</summary>
public static class AccountStateMachine
{
    public static AccountPhase Apply(AccountPhase phase, AccountTrigger trigger)
    {
        var state = phase.State;
        return trigger switch
        {
            AccountTrigger.Reconfigured => AccountPhase.Offline,
            AccountTrigger.Banned b => new AccountPhase(AccountState.Banned, LoginStep.None, null, b.Reason),
            _ when state == AccountState.Banned => throw new InvalidOperationException(
                $"The account is banned ({phase.Reason}); configure it again to clear the ban."),
            AccountTrigger.Stop => AccountPhase.Offline,
            AccountTrigger.Start => state switch
            {
                AccountState.Offline or AccountState.Error => new AccountPhase(AccountState.Connecting, LoginStep.None, null, null),
                // A slot came (or it was started again while waiting): connect, keeping a cooldown that still runs.
                AccountState.Queued => new AccountPhase(AccountState.Connecting, LoginStep.None, phase.CooldownUntil, null),
                _ => phase,
            },
            // Waiting for a session slot: only an account that is (being) connected waits; a stopped or failed one does not.
            AccountTrigger.Queued => state is AccountState.Connecting or AccountState.WaitingForLogin or AccountState.Active or AccountState.Cooldown
                ? new AccountPhase(AccountState.Queued, LoginStep.None, phase.CooldownUntil, null)
                : phase,
            AccountTrigger.LoggedIn => state switch
            {
                AccountState.Connecting or AccountState.WaitingForLogin =>
                    phase.CooldownUntil is { } until ? new AccountPhase(AccountState.Cooldown, LoginStep.None, until, null)
                                                     : new AccountPhase(AccountState.Active, LoginStep.None, null, null),
                AccountState.Active or AccountState.Cooldown => phase,
                _ => throw NotConnected(phase, "log in"),
            },
            AccountTrigger.NeedsLogin n => state switch
            {
                AccountState.Connecting or AccountState.WaitingForLogin or AccountState.Active or AccountState.Cooldown =>
                    new AccountPhase(AccountState.WaitingForLogin, n.Step, phase.CooldownUntil, null),
                _ => throw NotConnected(phase, "continue logging in"),
            },
            AccountTrigger.FloodWait f => state switch
            {
                AccountState.Connecting or AccountState.Active or AccountState.Cooldown =>
                    new AccountPhase(AccountState.Cooldown, LoginStep.None, Later(phase.CooldownUntil, f.Until), null),
                // A flood wait on a log-in step (too many code requests) delays the log-in, not a state change.
                AccountState.WaitingForLogin => phase with { CooldownUntil = Later(phase.CooldownUntil, f.Until) },
                _ => phase,
            },
            AccountTrigger.Tick t => phase.CooldownUntil is { } end && t.Now >= end
                ? state == AccountState.Cooldown
                    ? new AccountPhase(AccountState.Active, LoginStep.None, null, null)
                    : phase with { CooldownUntil = null }
                : phase,
            AccountTrigger.Failed f => state == AccountState.Offline
                ? phase
                : new AccountPhase(AccountState.Error, LoginStep.None, null, f.Reason),
            AccountTrigger.SessionRevoked => state == AccountState.Offline
                ? phase
                : new AccountPhase(AccountState.WaitingForLogin, LoginStep.PhoneNumber, null, "session revoked; log in again"),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown account trigger."),
        };
    }

    /// <summary>Whether the account may send at <paramref name="now"/> (active, or a cooldown that is over).</summary>
    public static bool CanSend(AccountPhase phase, DateTimeOffset now)
        => phase.State == AccountState.Active
           || (phase.State == AccountState.Cooldown && phase.CooldownUntil is { } until && now >= until);

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static InvalidOperationException NotConnected(AccountPhase phase, string what)
        => new($"Cannot {what}: the account is {phase.State}; start it first.");
}
