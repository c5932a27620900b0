using Cluster.AdminBot.Commands;
using Microsoft.Extensions.Logging;

namespace Cluster.AdminBot.Audit;

/// <summary>The audit trail in the admin bot's own log (category Cluster.AdminBot.Audit.LogAuditTrail), written next to the
/// cluster's audit log grain, so an operator reading the bot's log sees the same entries.</summary>
public sealed partial class LogAuditTrail(ILogger<LogAuditTrail> logger) : IAdminAuditTrail
{
    public Task RecordAsync(AdminIdentity admin, string command, string arguments, bool succeeded, string result, CancellationToken cancellationToken)
    {
        Log.Audit(logger, admin.UserId, admin.Name, admin.Transport, command, arguments, succeeded, result);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(6201, LogLevel.Information, "Audit: {AdminName} ({UserId}, {Transport}) ran /{Command} {Arguments}: ok={Succeeded} {Result}")]
        public static partial void Audit(ILogger logger, long userId, string adminName, AdminTransport transport, string command, string arguments, bool succeeded, string result);
    }
}
