using Cluster.AdminBot.Commands;

namespace Cluster.AdminBot.Handlers;

/// <summary>/rebalance: says how accounts are balanced across silos. Nothing moves on request: every silo's rebalancer
/// (ClusterHosting/Rebalancing) pulls accounts by itself, a few at a time, when it has free session slots while others
/// queue, or holds markedly fewer sessions than another silo.</summary>
public sealed class RebalanceHandler : IAdminCommandHandler
{
    public const string Automatic = "Rebalancing is automatic, so nothing was moved on request: every Cluster:Rebalancing:Interval (10 s) each silo pulls accounts to itself, a few at a time, when it has free session slots while other silos queue accounts, or when another silo holds at least Cluster:Rebalancing:MinimumSpread (10) sessions more; moved accounts close their session first and do not move back soon. /silos shows the load per silo.";

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("rebalance", "/rebalance", "how accounts are balanced across silos (automatic)")];

    public Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
        => Task.FromResult(AdminReply.Ok(Automatic).WithButtons([new ReplyButton("/silos", "/silos")]));
}
