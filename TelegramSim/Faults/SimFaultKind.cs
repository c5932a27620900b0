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

    /// <summary>Carry the request out, then hold its answer for <see cref="SimFaultRule.Delay"/>: the request took effect
    /// and the client does not know yet (a crash of the client now leaves a send it cannot account for).</summary>
    SlowAnswer,
}
