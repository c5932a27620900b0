using Cluster.AdminBot.Commands;

namespace Cluster.AdminBot.Handlers;

/// <summary>/rebalance: says plainly that this cluster has no rebalancer yet, so nothing moves on request. (The home-made
/// runtime had one; on Orleans, accounts are placed when they activate and stay on their silo until it stops or fails.)</summary>
public sealed class RebalanceHandler : IAdminCommandHandler
{
    public const string NotAvailable = "Rebalancing is not available on this cluster yet: nothing was moved. Accounts are placed on a silo when they start and stay there until that silo stops or fails. /silos shows the load per silo.";

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("rebalance", "/rebalance", "rebalance the silos (not available yet)")];

    public Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
        => Task.FromResult(AdminReply.Fail(NotAvailable).WithButtons([new ReplyButton("/silos", "/silos")]));
}
