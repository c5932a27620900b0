using Cluster.AdminBot.Commands;
using Microsoft.Extensions.Logging;

namespace Cluster.AdminBot.Audit;

/// <summary>An audit trail in the process's log only (category Cluster.AdminBot.Audit); used until the cluster's audit
/// log grain is wired, and alongside it.</summary>
public sealed partial class LogAuditTrail(ILogger<LogAuditTrail> logger) : IAdminAuditTrail
{
    public Task RecordAsync(AdminIdentity admin, string command, bool succeeded, string result, CancellationToken cancellationToken)
    {
        Log.Audit(logger, admin.UserId, admin.Name, admin.Transport, command, succeeded, result);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(6201, LogLevel.Information, "Audit: {AdminName} ({UserId}, {Transport}) ran {Command}: {Succeeded} {Result}")]
        public static partial void Audit(ILogger logger, long userId, string adminName, AdminTransport transport, string command, bool succeeded, string result);
    }
}
