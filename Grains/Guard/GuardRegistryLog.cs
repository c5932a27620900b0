using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Guard;

/// <summary>Source-generated log messages about the guard registry (/groups). Event ids 3290-3299.</summary>
internal static partial class GuardRegistryLog
{
    [LoggerMessage(3290, LogLevel.Debug, "Group {GroupId}: could not update the guard registry; retried by the next timer turn")]
    public static partial void RegistryUnavailable(ILogger logger, long groupId, Exception exception);
}
