using Cluster.Grains.Abstractions.Guard;

namespace Cluster.Grains.Guard;

/// <summary>The protected group's entry in the guard registry (/groups): pushed at once after an admin command (protect,
/// unprotect, settings), and otherwise by a timer only when the counts changed, so busy groups do not call per message.</summary>
public sealed partial class ProtectedGroupGrain
{
    private IGrainTimer? _registryTimer;
    private ProtectedGroupSummary? _listed;
    private bool _unlistedChecked;

    private void StartRegistryPublishing()
        => _registryTimer = this.RegisterGrainTimer(_ => PublishToRegistryAsync(), _options.RegistryPublishInterval, _options.RegistryPublishInterval);

    /// <summary>Lists the group while it is protected (enabled with at least one channel) and removes it otherwise; does
    /// nothing when the registry already shows what it would push. A failed push is retried by the next timer turn.</summary>
    private async Task PublishToRegistryAsync()
    {
        var registry = GrainFactory.GetGrain<IGuardRegistryGrain>(IGuardRegistryGrain.Key);
        try
        {
            if (S.BotKey is null || !S.Enabled || S.Channels.Count == 0)
            {
                // Removed once per activation (or after being listed), not on every turn of an unprotected group.
                if (_listed is null && _unlistedChecked) return;
                await registry.RemoveGroupAsync(GroupId);
                _listed = null;
                _unlistedChecked = true;
                return;
            }
            var summary = new ProtectedGroupSummary(GroupId, S.Title, S.BotKey, S.Enabled,
                S.Channels.Select(c => new LinkedChannelStatus(c.ChannelId, c.Title, c.Username, c.Paused)).ToList(),
                S.Muted.Count, S.Verified.Count, time.GetUtcNow());
            if (_listed is not null && SameListing(_listed, summary)) return;
            await registry.UpdateGroupAsync(summary);
            _listed = summary;
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            GuardRegistryLog.RegistryUnavailable(logger, GroupId, e);
        }
    }

    private static bool SameListing(ProtectedGroupSummary a, ProtectedGroupSummary b)
        => a with { UpdatedAt = default, Channels = [] } == b with { UpdatedAt = default, Channels = [] } && a.Channels.SequenceEqual(b.Channels);

    /// <summary>Remembers the outcome of a member's latest check: verified when subscribed to every active channel.</summary>
    private void NoteChecked(long userId, bool verified)
    {
        if (verified) S.Verified.Add(userId);
        else S.Verified.Remove(userId);
    }
}
