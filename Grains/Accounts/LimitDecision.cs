namespace Cluster.Grains.Accounts;

/// <summary>Whether sends fit in the hourly and daily limits, and if not, which limit and when its window resets.</summary>
public sealed record LimitDecision(bool Allowed, string? Limit, DateTimeOffset? RetryAt)
{
    public static LimitDecision Allow { get; } = new(true, null, null);
}
