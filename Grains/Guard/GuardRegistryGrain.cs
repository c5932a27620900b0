using Cluster.Grains.Abstractions.Guard;

namespace Cluster.Grains.Guard;

/// <summary>The list of protected groups for /groups and the dashboard. Group grains push their summaries (debounced by the
/// groups themselves); readers interleave. Every change is written at once: groups change rarely. The dictionary is replaced,
/// never changed in place, because interleaved readers run beside the writing turn.</summary>
[GrainType("guard-registry")]
[PreferLocalPlacement]
public sealed class GuardRegistryGrain(
    [PersistentState("guard-registry")] IPersistentState<GuardRegistryState> state) : Grain, IGuardRegistryGrain
{
    public async Task UpdateGroupAsync(ProtectedGroupSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        state.State = new GuardRegistryState { Groups = new Dictionary<long, ProtectedGroupSummary>(state.State.Groups) { [summary.GroupId] = summary } };
        await state.WriteStateAsync();
    }

    public async Task RemoveGroupAsync(long groupId)
    {
        if (!state.State.Groups.ContainsKey(groupId)) return;
        var groups = new Dictionary<long, ProtectedGroupSummary>(state.State.Groups);
        groups.Remove(groupId);
        state.State = new GuardRegistryState { Groups = groups };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ProtectedGroupSummary>> ListGroupsAsync()
        => Task.FromResult<IReadOnlyList<ProtectedGroupSummary>>(state.State.Groups.Values.OrderBy(g => g.GroupId).ToList());
}
