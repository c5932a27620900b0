namespace Cluster.Grains.Forwarding;

/// <summary>Whether a message (or album) passes a pair's filters, and if not, which rule stopped it
/// (for statistics and debugging a pair that "forwards nothing").</summary>
public sealed record FilterVerdict(bool Passes, string? Reason)
{
    public static FilterVerdict Pass { get; } = new(true, null);

    public static FilterVerdict Reject(string reason) => new(false, reason);
}
