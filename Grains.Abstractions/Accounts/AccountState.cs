namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Where an account is in its life: what /workers shows and what decides whether it may send.
/// Only <see cref="Active"/> sends; <see cref="Cooldown"/> still receives updates but refuses sends until a time.</summary>
[GenerateSerializer, Alias("Cluster.AccountState")]
public enum AccountState
{
    /// <summary>Not connected (never started, or stopped).</summary>
    Offline,
    /// <summary>Connecting to Telegram and restoring the session.</summary>
    Connecting,
    /// <summary>Connected but not logged in: waiting for a phone number, code or password (see <see cref="LoginStep"/>).</summary>
    WaitingForLogin,
    /// <summary>Logged in; receiving and sending.</summary>
    Active,
    /// <summary>Logged in but refusing sends until <c>CooldownUntil</c> after a flood wait.</summary>
    Cooldown,
    /// <summary>Stopped by an error (see <c>ErrorReason</c>); a restart tries again.</summary>
    Error,
    /// <summary>Telegram banned the account; only a new configuration clears it.</summary>
    Banned,
    /// <summary>Should run, but its silo holds as many sessions as it may (<c>Cluster:Sessions:Capacity</c>): waiting in that
    /// silo's queue (premium accounts first, then in arrival order) for a slot to free there, or to be moved to a silo with
    /// room. Added last, so the stored names and numbers of the other states stay valid.</summary>
    Queued,
}
