using Cluster.AdminBot.Commands;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Audit;

/// <summary>The audit trail in the cluster's <see cref="IAuditLogGrain"/> (persisted, newest entries kept), and in the bot's
/// own log. The admin's name goes into the entry's message, since the grain keeps the user id only.</summary>
public sealed class GrainAuditTrail(IGrainFactory grains, LogAuditTrail log) : IAdminAuditTrail
{
    public async Task RecordAsync(AdminIdentity admin, string command, string arguments, bool succeeded, string result, CancellationToken cancellationToken)
    {
        await log.RecordAsync(admin, command, arguments, succeeded, result, cancellationToken);
        await grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).AppendAsync(new AuditEntry
        {
            AdminUserId = admin.UserId,
            Command = command,
            Arguments = arguments,
            Ok = succeeded,
            Message = $"{admin.Name} via {admin.Transport}: {result}",
        });
    }
}
