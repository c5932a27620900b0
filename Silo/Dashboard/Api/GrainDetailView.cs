namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/grain?type=..&amp;key=..</c>: where a grain is active, its stored states as JSON
/// with secrets masked (by key name and by shape), and its reminders.</summary>
public sealed record GrainDetailView(string GrainType, string Key, string? SiloId, string? Address, long? Epoch,
    IReadOnlyDictionary<string, string> States, IReadOnlyList<ReminderView> Reminders);
