using Cluster.Runtime;

namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One channel that groups require (key: the channel's chat id): knows the groups linking it, so a user leaving it is
/// restricted in each of them, and tells them when the bot loses or regains its admin rights here.</summary>
public interface IEnforcedChannelGrain : IGrainWithStringKey
{
    Task LinkAsync(long groupId, bool botIsAdmin);
    Task UnlinkAsync(long groupId);
    Task HandleMemberChangeAsync(string botKey, MemberChange change);

    [AlwaysInterleave]
    Task<EnforcedChannelStatus> GetStatusAsync();
}
