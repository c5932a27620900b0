using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;

namespace Cluster.AdminBot.Handlers;

/// <summary>/pause_pair and /resume_pair &lt;id&gt;: a paused pair skips new source messages until resumed.</summary>
public sealed class PairControlHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
    [
        new("pause_pair", "/pause_pair <id>", "pause a pair (new source messages are skipped)", 1, 1, ChangesState: true),
        new("resume_pair", "/resume_pair <id>", "resume a paused pair", 1, 1, ChangesState: true),
    ];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = command.Arguments[0];
        if (await fleet.FindPairAsync(id) is null) return PairReplies.NoSuchPair(id);
        var pause = command.Name == "pause_pair";
        var status = pause ? await fleet.Pair(id).PauseAsync() : await fleet.Pair(id).ResumeAsync();
        var done = pause ? "paused" : "resumed";
        return new AdminReply($"Pair {id} {done}: now {status.State.ToString().ToLowerInvariant()}.", status.Paused == pause) { Toast = $"{id} {done}" }
            .WithButtons(PairReplies.ControlButtons(id, status.Paused));
    }
}
