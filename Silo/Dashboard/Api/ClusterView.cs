namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/cluster</c>: which silo answers (its Orleans address), which Telegram it talks
/// to (the page shows a SIMULATED TELEGRAM banner when <see cref="Simulated"/>), how often the page refreshes, and where
/// Orleans' dashboard is (silos, grains, calls, reminders), if it is on.</summary>
public sealed record ClusterView(
    string SelfSiloId,
    string TelegramMode,
    bool Simulated,
    DateTimeOffset Now,
    int RefreshMilliseconds,
    string? OrleansDashboardPath);
