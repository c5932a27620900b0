using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Admin;

/// <summary>The admin grains' log messages (source-generated, structured). Audit entries are logged with their masked
/// arguments only; conversation secrets are never logged.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Information,
        Message = "Audit {Sequence}: admin {AdminUserId} ran {Command} {Arguments} at {At}: {Result} {ResultMessage}")]
    public static partial void Audited(ILogger logger, long sequence, long adminUserId, string command, string arguments, DateTimeOffset at, string result, string? resultMessage);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Admin {AdminUserId} conversation {Command} is at step {Step}")]
    public static partial void ConversationSaved(ILogger logger, string adminUserId, string command, string step);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "Admin {AdminUserId} conversation {Command} expired at step {Step}")]
    public static partial void ConversationExpired(ILogger logger, string adminUserId, string command, string step);
}
