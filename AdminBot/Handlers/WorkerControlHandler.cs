using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.AdminBot.Handlers;

/// <summary>/start_worker, /stop_worker, /restart_worker &lt;id&gt;: the account grain's start, stop and restart. A stopped
/// worker stays stopped across restarts of the cluster until started again.</summary>
public sealed class WorkerControlHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
    [
        new("start_worker", "/start_worker <id>", "start a worker", 1, 1, ChangesState: true),
        new("stop_worker", "/stop_worker <id>", "stop a worker (it stays stopped until started)", 1, 1, ChangesState: true),
        new("restart_worker", "/restart_worker <id>", "restart a worker", 1, 1, ChangesState: true),
    ];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = command.Arguments[0];
        if (await fleet.FindAccountAsync(id) is null) return WorkerReplies.NoSuchWorker(id);
        var account = fleet.Account(id);
        AccountStatus status;
        try
        {
            status = command.Name switch
            {
                "start_worker" => await account.StartAsync(),
                "stop_worker" => await account.StopAsync(),
                _ => await account.RestartAsync(),
            };
        }
        catch (InvalidOperationException e)
        {
            return AdminReply.Fail($"Worker {id} cannot {Verb(command.Name)}: {e.Message}");
        }
        var done = command.Name switch { "start_worker" => "started", "stop_worker" => "stopped", _ => "restarted" };
        var state = WorkersHandler.Describe(status.State, status.Enabled);
        var text = $"Worker {id} {done}: now {state}.";
        if (status.State == AccountState.WaitingForLogin) text += $" It waits for a log-in step ({status.LoginStep}).";
        if (status.State == AccountState.Error) text += $" Error: {status.ErrorReason ?? status.LastError}";
        if (status.State == AccountState.Cooldown) text += $" Cooling down until {Show.Time(status.CooldownUntil)}.";
        var ok = command.Name == "stop_worker" ? status.State == AccountState.Offline : status.State is not (AccountState.Error or AccountState.Banned);
        return new AdminReply(text, ok) { Toast = $"{id} {done}" }.WithButtons(WorkerReplies.ControlButtons(id));
    }

    private static string Verb(string command) => command switch { "start_worker" => "start", "stop_worker" => "stop", _ => "restart" };
}
