
namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One group whose members must be subscribed to every linked channel to speak (key: the group's chat id).
/// Handles the group's updates routed by its bot, its admins' commands, and restrictions asked for by linked channels.</summary>
[Alias("Cluster.IProtectedGroupGrain")]
public interface IProtectedGroupGrain : IGrainWithStringKey
{
    [Alias("HandleMessageAsync")]
    Task HandleMessageAsync(string botKey, GroupMessage message);
    [Alias("HandleMemberChangeAsync")]
    Task HandleMemberChangeAsync(string botKey, MemberChange change);
    [Alias("HandleButtonAsync")]
    Task HandleButtonAsync(string botKey, ButtonPress press);

    /// <summary>A user left a linked channel: restrict them here if they are a member who must be subscribed.</summary>
    [Alias("UserLeftChannelAsync")]
    Task UserLeftChannelAsync(long channelId, long userId);

    /// <summary>The bot gained or lost admin rights in a linked channel: pause or resume enforcement for it (the group is told once).</summary>
    [Alias("ChannelRightsChangedAsync")]
    Task ChannelRightsChangedAsync(long channelId, bool botIsAdmin);

    [AlwaysInterleave]
    [Alias("GetStatusAsync")]
    Task<ProtectedGroupStatus> GetStatusAsync();
}
