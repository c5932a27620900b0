using System.Globalization;
using Cluster.Grains.Abstractions.Guard;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types.Enums;

namespace Cluster.Grains.Guard;

/// <summary>One channel that protected groups require: a user leaving it is restricted in every group linking it, and the groups are
/// told when the bot loses or regains its admin rights here (so they pause instead of muting everyone).</summary>
/// <remarks>Keyed by the channel's chat id; many groups (of many owners) may link one channel. A group links itself from inside its
/// /protect turn while this grain may be inside a turn that waits for that group (a leave being fanned out): Link and Unlink
/// interleave so that the two grains never wait for each other, and a gate keeps the interleaved state changes and writes in order.</remarks>
[GrainType("enforced-channel")]
public sealed class EnforcedChannelGrain(
    [PersistentState("channel")] IPersistentState<EnforcedChannelState> state,
    ILogger<EnforcedChannelGrain> logger) : Grain, IEnforcedChannelGrain
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private long ChannelId => long.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture);

    public Task LinkAsync(long groupId, bool botIsAdmin) => UnderGateAsync(() =>
    {
        if (state.State.LinkedGroups.Contains(groupId) && state.State.BotIsAdmin == botIsAdmin) return false;
        if (!state.State.LinkedGroups.Contains(groupId)) state.State.LinkedGroups.Add(groupId);
        state.State.BotIsAdmin = botIsAdmin;
        return true;
    });

    public Task UnlinkAsync(long groupId) => UnderGateAsync(() => state.State.LinkedGroups.Remove(groupId));

    public async Task HandleMemberChangeAsync(string botKey, MemberChange change)
    {
        List<long> groups;
        await _gate.WaitAsync();
        try
        {
            groups = [.. state.State.LinkedGroups];
        }
        finally
        {
            _gate.Release();
        }
        if (change.User.Id.ToString(CultureInfo.InvariantCulture) == botKey)
        {
            var isAdmin = MemberStatus.Parse(change.NewStatus) is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;
            if (!await UnderGateAsync(() =>
                {
                    if (isAdmin == state.State.BotIsAdmin) return false;
                    state.State.BotIsAdmin = isAdmin;
                    return true;
                })) return;
            await Task.WhenAll(groups.Select(g => Group(g).ChannelRightsChangedAsync(ChannelId, isAdmin)));
            return;
        }
        if (change.OldInChat && !change.NewInChat && groups.Count > 0)
        {
            GuardLog.UserLeftChannel(logger, ChannelId, change.User.Id, groups.Count);
            await Task.WhenAll(groups.Select(g => Group(g).UserLeftChannelAsync(ChannelId, change.User.Id)));
            await UnderGateAsync(() =>
            {
                state.State.LeavesHandled++;
                return true;
            });
        }
    }

    public async Task<EnforcedChannelStatus> GetStatusAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return new EnforcedChannelStatus(ChannelId, [.. state.State.LinkedGroups], state.State.BotIsAdmin, state.State.LeavesHandled);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies a change to the state and, when it changed something, writes it, one caller at a time.</summary>
    private async Task<bool> UnderGateAsync(Func<bool> change)
    {
        await _gate.WaitAsync();
        try
        {
            if (!change()) return false;
            await state.WriteStateAsync();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private IProtectedGroupGrain Group(long groupId) => GrainFactory.GetGrain<IProtectedGroupGrain>(groupId.ToString(CultureInfo.InvariantCulture));
}
