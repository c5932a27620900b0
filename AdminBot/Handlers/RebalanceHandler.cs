using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;

namespace Cluster.AdminBot.Handlers;

/// <summary>/rebalance: asks the cluster to rebalance now rather than at its next interval.</summary>
public sealed class RebalanceHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("rebalance", "/rebalance", "ask the cluster to rebalance now", ChangesState: true)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        await fleet.Management.RequestRebalanceAsync(cancellationToken);
        return AdminReply.Ok("Rebalance requested: grains move a few at a time when the load is uneven beyond the threshold. /silos shows the result.")
            .WithButtons([new ReplyButton("/silos", "/silos")]);
    }
}
