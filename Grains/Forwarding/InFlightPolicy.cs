namespace Cluster.Grains.Forwarding;

/// <summary>What a pair does, after a crash, with the send that was in flight: Telegram may or may not have received it.</summary>
public enum InFlightPolicy
{
    /// <summary>Find out (the default): look for the copy among the destination's newest messages; a copy found is
    /// recorded (or deleted, when its source was deleted meanwhile), else the send is made again. A duplicate is possible
    /// only where the search cannot tell (see docs/ARCHITECTURE.md, "Forwarding").</summary>
    ResendOnce,
    /// <summary>Drop it without looking: nothing is duplicated, at most one message lost per crash.</summary>
    Skip,
}
