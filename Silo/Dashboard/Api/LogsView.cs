using Cluster.Runtime.Diagnostics;

namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/logs</c>: the recent warnings and errors of every live silo, newest first,
/// and the silos that could not be asked.</summary>
public sealed record LogsView(IReadOnlyList<RecentLogEntry> Entries, IReadOnlyList<string> UnreachableSilos);
