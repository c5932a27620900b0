
namespace Cluster.Grains.Abstractions.Guard;

/// <summary>The list of protected groups for /groups and the dashboard: a single grain (key <see cref="Key"/>). Protected-group
/// grains push their summary when protected or reconfigured, and their counts at most every few seconds (not per message);
/// an unprotected group removes itself. Readers only read, so listing does not activate every group.</summary>
[Alias("Cluster.IGuardRegistryGrain")]
public interface IGuardRegistryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one guard registry grain.</summary>
    const string Key = "guard";

    [Alias("UpdateGroupAsync")]
    Task UpdateGroupAsync(ProtectedGroupSummary summary);

    [Alias("RemoveGroupAsync")]
    Task RemoveGroupAsync(long groupId);

    /// <summary>All protected groups, ordered by group id.</summary>
    [AlwaysInterleave]
    [Alias("ListGroupsAsync")]
    Task<IReadOnlyList<ProtectedGroupSummary>> ListGroupsAsync();
}
