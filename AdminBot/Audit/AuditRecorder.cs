using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Microsoft.Extensions.Logging;

namespace Cluster.AdminBot.Audit;

/// <summary>Writes a command's outcome (its reply's first line) to the <see cref="IAdminAuditTrail"/>; used by the dispatcher
/// for one-step commands and by guided commands when they end. A failing audit log does not fail the command.</summary>
public sealed partial class AuditRecorder(IAdminAuditTrail trail, ILogger<AuditRecorder> logger)
{
    public async Task RecordAsync(AdminIdentity admin, string command, string arguments, AdminReply reply, CancellationToken cancellationToken)
    {
        try
        {
            await trail.RecordAsync(admin, command, arguments, reply.Succeeded, reply.Text.Split('\n', 2)[0].Trim(), cancellationToken);
        }
        catch (Exception e) when (ClusterCallFailure.IsUnreachable(e) || e is HttpRequestException)
        {
            Log.AuditFailed(logger, e, command);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6004, LogLevel.Warning, "Could not write /{Command} to the audit log")]
        public static partial void AuditFailed(ILogger logger, Exception exception, string command);
    }
}
