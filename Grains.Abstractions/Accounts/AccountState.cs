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
}
