
namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One channel that groups require (key: the channel's chat id): knows the groups linking it, so a user leaving it is
/// restricted in each of them, and tells them when the bot loses or regains its admin rights here.</summary>
[Alias("Cluster.IEnforcedChannelGrain")]
public interface IEnforcedChannelGrain : IGrainWithStringKey
{
    /// <summary>A group requires this channel. Interleaves: the group calls it from its /protect turn, which must not wait for
    /// this grain's turn when that turn is waiting for the group (a leave being fanned out): that would be a mutual wait.</summary>
    [AlwaysInterleave]
    [Alias("LinkAsync")]
    Task LinkAsync(long groupId, bool botIsAdmin);

    /// <summary>A group no longer requires this channel. Interleaves for the same reason as <see cref="LinkAsync"/>.</summary>
    [AlwaysInterleave]
    [Alias("UnlinkAsync")]
    Task UnlinkAsync(long groupId);

    [Alias("HandleMemberChangeAsync")]
    Task HandleMemberChangeAsync(string botKey, MemberChange change);

    [AlwaysInterleave]
    [Alias("GetStatusAsync")]
    Task<EnforcedChannelStatus> GetStatusAsync();
}
