using Cluster.Silo.Dashboard.Logs;

namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/logs</c>: the recent warnings and errors of the silo that answers, newest first.</summary>
public sealed record LogsView(IReadOnlyList<RecentLogEntry> Entries);
