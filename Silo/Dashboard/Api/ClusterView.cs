namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/cluster</c>: which silo answers, which Telegram it talks to (the page shows a
/// SIMULATED TELEGRAM banner when <see cref="Simulated"/>), every silo and the overview.</summary>
public sealed record ClusterView(
    string SelfSiloId,
    string TelegramMode,
    bool Simulated,
    DateTimeOffset Now,
    int RefreshMilliseconds,
    IReadOnlyList<SiloView> Silos,
    OverviewView Overview);
