namespace Cluster.Grains.Forwarding;

/// <summary>Source message ids strictly between <see cref="AfterId"/> and <see cref="BeforeId"/> that the pair has not
/// seen: a live delivery jumped past them (a failed delivery, a restart). Closed by fetching history.</summary>
public sealed record IdGap(long AfterId, long BeforeId)
{
    public bool Contains(long id) => id > AfterId && id < BeforeId;
}
