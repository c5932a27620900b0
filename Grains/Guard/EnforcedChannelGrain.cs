using System.Globalization;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Runtime;
using Cluster.Telegram.Bots.Types;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Guard;

/// <summary>One channel that protected groups require: a user leaving it is restricted in every group linking it, and the groups are
/// told when the bot loses or regains its admin rights here (so they pause instead of muting everyone).</summary>
/// <remarks>Keyed by the channel's chat id; many groups (of many owners) may link one channel.</remarks>
[GrainType("enforced-channel")]
public sealed class EnforcedChannelGrain(
    [PersistentState("channel")] IPersistentState<EnforcedChannelState> state,
    ILogger<EnforcedChannelGrain> logger) : Grain, IEnforcedChannelGrain
{
    private long ChannelId => long.Parse(GetPrimaryKeyString(), CultureInfo.InvariantCulture);

    public async Task LinkAsync(long groupId, bool botIsAdmin)
    {
        if (state.State.LinkedGroups.Contains(groupId) && state.State.BotIsAdmin == botIsAdmin) return;
        if (!state.State.LinkedGroups.Contains(groupId)) state.State.LinkedGroups.Add(groupId);
        state.State.BotIsAdmin = botIsAdmin;
        await state.WriteStateAsync();
    }

    public async Task UnlinkAsync(long groupId)
    {
        if (state.State.LinkedGroups.Remove(groupId)) await state.WriteStateAsync();
    }

    public async Task HandleMemberChangeAsync(string botKey, MemberChange change)
    {
        var groups = state.State.LinkedGroups.ToList();
        if (change.User.Id.ToString(CultureInfo.InvariantCulture) == botKey)
        {
            var isAdmin = change.NewStatus is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;
            if (isAdmin == state.State.BotIsAdmin) return;
            state.State.BotIsAdmin = isAdmin;
            await state.WriteStateAsync();
            await Task.WhenAll(groups.Select(g => Group(g).ChannelRightsChangedAsync(ChannelId, isAdmin)));
            return;
        }
        if (change.OldInChat && !change.NewInChat && groups.Count > 0)
        {
            GuardLog.UserLeftChannel(logger, ChannelId, change.User.Id, groups.Count);
            await Task.WhenAll(groups.Select(g => Group(g).UserLeftChannelAsync(ChannelId, change.User.Id)));
            state.State.LeavesHandled++;
            await state.WriteStateAsync();
        }
    }

    public Task<EnforcedChannelStatus> GetStatusAsync() =>
        Task.FromResult(new EnforcedChannelStatus(ChannelId, [.. state.State.LinkedGroups], state.State.BotIsAdmin, state.State.LeavesHandled));

    private IProtectedGroupGrain Group(long groupId) => GrainFactory.GetGrain<IProtectedGroupGrain>(groupId.ToString(CultureInfo.InvariantCulture));
}
