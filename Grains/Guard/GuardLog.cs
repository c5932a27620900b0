using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Guard;

/// <summary>Source-generated log messages of the protected-group and enforced-channel grains.</summary>
/// <remarks>Event ids 3200-3299. User ids are logged, names and message texts are not.</remarks>
internal static partial class GuardLog
{
    [LoggerMessage(3200, LogLevel.Information, "Group {GroupId}: muted user {UserId} (missing {Missing} channels)")]
    public static partial void Muted(ILogger logger, long groupId, long userId, int missing);

    [LoggerMessage(3201, LogLevel.Information, "Group {GroupId}: unmuted user {UserId}")]
    public static partial void Unmuted(ILogger logger, long groupId, long userId);

    [LoggerMessage(3202, LogLevel.Warning, "Group {GroupId}: Bot API call {Method} failed: {Error}")]
    public static partial void CallFailed(ILogger logger, long groupId, string method, string error);

    [LoggerMessage(3203, LogLevel.Warning, "Group {GroupId}: channel {ChannelId} paused (bot is not an admin there)")]
    public static partial void ChannelPaused(ILogger logger, long groupId, long channelId);

    [LoggerMessage(3204, LogLevel.Information, "Group {GroupId}: protection {State} with {Channels} channels")]
    public static partial void ProtectionChanged(ILogger logger, long groupId, string state, int channels);

    [LoggerMessage(3205, LogLevel.Information, "Channel {ChannelId}: user {UserId} left; restricting in {Groups} groups")]
    public static partial void UserLeftChannel(ILogger logger, long channelId, long userId, int groups);
}
