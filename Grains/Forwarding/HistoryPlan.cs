namespace Cluster.Grains.Forwarding;

/// <summary>The next history page a pair should fetch to catch up: messages after <see cref="AfterId"/>,
/// at most <see cref="Limit"/>; <see cref="IsGapFill"/> when it fills a gap rather than the tail.</summary>
public sealed record HistoryPlan(long AfterId, int Limit, bool IsGapFill);
