namespace Cluster.Grains.Forwarding;

/// <summary>What to do after a restart with the send that was in flight (see <see cref="ForwardCheckpoint.Recover"/>).</summary>
public enum RecoveryAction
{
    /// <summary>Nothing was in flight.</summary>
    None,
    /// <summary>Keep it in flight: the pair looks for its copy at the destination, and sends it again only when none is found.</summary>
    Resend,
    /// <summary>Treat it as sent to that destination and go on.</summary>
    Skip,
}

/// <summary>The decision and the send it concerns.</summary>
public sealed record RecoveryDecision(RecoveryAction Action, InFlightSend? Send)
{
    public static RecoveryDecision Nothing { get; } = new(RecoveryAction.None, null);
}
