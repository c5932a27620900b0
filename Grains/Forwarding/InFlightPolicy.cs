namespace Cluster.Grains.Forwarding;

/// <summary>What a pair does, after a crash, with the send that was in flight: Telegram may or may not have
/// received it, and there is no way to ask without risking the same race again.</summary>
public enum InFlightPolicy
{
    /// <summary>Send it again: nothing is lost, at most one duplicate per crash (the default).</summary>
    ResendOnce,
    /// <summary>Drop it: nothing is duplicated, at most one message lost per crash.</summary>
    Skip,
}
