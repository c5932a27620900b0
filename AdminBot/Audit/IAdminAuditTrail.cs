using Cluster.AdminBot.Commands;

namespace Cluster.AdminBot.Audit;

/// <summary>Where every state-changing command is written: who, what, when, and how it ended.</summary>
public interface IAdminAuditTrail
{
    /// <summary>Records one command; <paramref name="arguments"/> must already be free of secrets.</summary>
    Task RecordAsync(AdminIdentity admin, string command, string arguments, bool succeeded, string result, CancellationToken cancellationToken);
}
