namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>How an account operation asked by a pair ended. Everything but <see cref="Ok"/> is an answer, not an
/// exception, so a pair can plan a retry (<see cref="CoolingDown"/>, <see cref="LimitReached"/> carry a time).</summary>
[GenerateSerializer, Alias("Cluster.AccountCallStatus")]
public enum AccountCallStatus
{
    Ok,
    /// <summary>The account waits out a flood wait; retry at the given time.</summary>
    CoolingDown,
    /// <summary>The hourly or daily send limit is used up; retry when the window resets.</summary>
    LimitReached,
    /// <summary>The account is not logged in and running (offline, connecting, waiting for log-in, error, banned).</summary>
    NotActive,
    /// <summary>The account may not post in (or read) that chat.</summary>
    Forbidden,
    /// <summary>The chat or message does not exist or the account cannot see it.</summary>
    NotFound,
    /// <summary>Another Telegram error; see the error text.</summary>
    Failed,
    /// <summary>PEER_FLOOD on a private message: Telegram refuses this account's messages to users who do not know it (for an
    /// unknown time). Only direct sends answer this; the account itself is not put in cooldown by it.</summary>
    PeerFlood,
}
