namespace Cluster.TelegramSim.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
public enum SimFaultKind
{
    /// <summary>Answer normally, but only after <see cref="SimFaultRule.Delay"/>.</summary>
    Latency,

    /// <summary>Answer 429 "retry after N" (bots) or 420 FLOOD_WAIT_N (accounts), N = seconds left of the rule's window or its RetryAfterSeconds.</summary>
    FloodWait,

    /// <summary>Answer a 5xx (<see cref="SimFaultRule.StatusCode"/>, default 500).</summary>
    ServerError,

    /// <summary>Abort the connection without an answer.</summary>
    DropConnection,
}
