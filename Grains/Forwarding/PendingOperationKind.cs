namespace Cluster.Grains.Forwarding;

/// <summary>What a queued pair operation does at the destinations.</summary>
public enum PendingOperationKind
{
    /// <summary>Republish a new source message or album.</summary>
    New,
    /// <summary>Mirror an edit to the copies.</summary>
    Edit,
    /// <summary>Mirror a deletion.</summary>
    Delete,
}
