namespace Cluster.Grains.Accounts;

/// <summary>Something that happens to an account and may change its <see cref="AccountPhase"/>.</summary>
public abstract record AccountTrigger
{
    /// <summary>An admin (or the always-on keeper) starts the account.</summary>
    public sealed record Start : AccountTrigger;

    /// <summary>An admin stops the account.</summary>
    public sealed record Stop : AccountTrigger;

    /// <summary>A new configuration was saved (clears an error or a ban; a restart uses it).</summary>
    public sealed record Reconfigured : AccountTrigger;

    /// <summary>Telegram reports the session logged in.</summary>
    public sealed record LoggedIn : AccountTrigger;

    /// <summary>Telegram needs a log-in step.</summary>
    public sealed record NeedsLogin(Cluster.Grains.Abstractions.Accounts.LoginStep Step) : AccountTrigger;

    /// <summary>A flood wait: no sends until <paramref name="Until"/>.</summary>
    public sealed record FloodWait(DateTimeOffset Until) : AccountTrigger;

    /// <summary>The clock reached <paramref name="Now"/> (ends a cooldown that is over).</summary>
    public sealed record Tick(DateTimeOffset Now) : AccountTrigger;

    /// <summary>The connection failed or the session is unusable (AUTH_KEY_DUPLICATED, timeouts, ...).</summary>
    public sealed record Failed(string Reason) : AccountTrigger;

    /// <summary>Telegram revoked the session: log in again.</summary>
    public sealed record SessionRevoked : AccountTrigger;

    /// <summary>Telegram banned the account.</summary>
    public sealed record Banned(string Reason) : AccountTrigger;

    /// <summary>No session slot is free on the silo (or the silo took the slot back): the account waits for one.</summary>
    public sealed record Queued : AccountTrigger;
}
