using System.Text;
using Cluster.AdminBot.Audit;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Registry;

namespace Cluster.AdminBot.Handlers;

/// <summary>/assign_channels &lt;worker&gt;: lists every channel pair with a toggle button, then moves the selected pairs to
/// that worker (each pair unsubscribes from its old worker and subscribes through the new one, keeping its checkpoint;
/// nothing else restarts). On the command line: <c>assign_channels acc2 --pairs p1,p2</c>.</summary>
public sealed class AssignChannelsHandler(FleetDirectory fleet, ConversationRunner runner, AuditRecorder audit) : IConversationHandler
{
    private const string SelectStep = "select", WorkerField = "worker", SelectedField = "selected";
    private const string TogglePrefix = "t:", Apply = "apply";

    public string Kind => "assign_channels";

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("assign_channels", "/assign_channels <worker>", "choose channel pairs with toggle buttons and move them to a worker", 1, 1)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var worker = command.Arguments[0];
        if (await fleet.FindAccountAsync(worker) is null) return WorkerReplies.NoSuchWorker(worker);
        var pairs = await fleet.PairsAsync();
        if (admin.Transport == AdminTransport.CommandLine)
        {
            var chosen = (command.Option("pairs") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (chosen.Count == 0) return AdminReply.Fail("assign_channels on the command line needs --pairs p1,p2 (the pairs to move).");
            var unknown = chosen.Where(id => pairs.All(p => p.PairId != id)).ToList();
            if (unknown.Count > 0) return AdminReply.Fail($"There is no pair {string.Join(", ", unknown.Select(u => $"'{u}'"))}. /pairs lists them.");
            return await ApplyAsync(worker, chosen, pairs, admin, cancellationToken);
        }
        if (pairs.Count == 0) return AdminReply.Fail("There are no channel pairs to assign. Add one with /add_pair.");
        var conversation = new AdminConversation { Command = Kind, Step = SelectStep }.WithField(WorkerField, worker).WithField(SelectedField, "");
        var started = await runner.StartAsync(admin, conversation, "", cancellationToken);
        return started.Succeeded ? Render(worker, [], pairs) : started;
    }

    public async Task<AdminReply> ContinueAsync(AdminConversation conversation, string answer, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var worker = conversation.Field(WorkerField)!;
        var selected = Selected(conversation);
        var pairs = await fleet.PairsAsync();
        if (answer.StartsWith(TogglePrefix, StringComparison.Ordinal))
        {
            var pairId = answer[TogglePrefix.Length..];
            var pair = pairs.FirstOrDefault(p => p.PairId == pairId);
            if (pair is null) return Render(worker, selected, pairs) with { Toast = $"There is no pair '{pairId}' any more." };
            if (pair.AccountId == worker) return Render(worker, selected, pairs) with { Toast = $"{pairId} is on {worker} already." };
            if (!selected.Remove(pairId)) selected.Add(pairId);
            await runner.ApplyAsync(admin, new StepResult(AdminReply.Ok(""), conversation.WithField(SelectedField, string.Join(',', selected))), cancellationToken);
            return Render(worker, selected, pairs);
        }
        if (answer == Apply)
        {
            if (selected.Count == 0) return Render(worker, selected, pairs) with { Toast = "Select at least one pair first." };
            var reply = await ApplyAsync(worker, selected, pairs, admin, cancellationToken);
            return await runner.ApplyAsync(admin, StepResult.Ended(reply), cancellationToken);
        }
        return AdminReply.Fail($"Press the buttons to choose pairs for {worker}, then ✔ apply (or /cancel).");
    }

    public Task<string> AbandonAsync(AdminConversation conversation, AdminIdentity admin, CancellationToken cancellationToken) => Task.FromResult("");

    private async Task<AdminReply> ApplyAsync(string worker, IReadOnlyList<string> chosen, IReadOnlyList<PairSummary> pairs, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var moved = new List<string>();
        var failed = new List<string>();
        foreach (var pairId in chosen)
        {
            var before = pairs.FirstOrDefault(p => p.PairId == pairId)?.AccountId;
            try
            {
                var status = await fleet.Pair(pairId).AssignAccountAsync(worker);
                if (status.State == Grains.Abstractions.Pairs.PairState.Error) failed.Add($"{pairId}: {status.LastError}");
                else if (status.AccountId == worker) moved.Add(before is null || before == worker ? pairId : $"{pairId} (from {before})");
                else failed.Add($"{pairId}: still on {status.AccountId}");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException || ClusterCallFailure.IsUnreachable(e))
            {
                failed.Add($"{pairId}: {e.Message}");
            }
        }
        var text = new StringBuilder();
        if (moved.Count > 0) text.Append($"Moved to {worker}: {string.Join(", ", moved)}.");
        if (failed.Count > 0) text.Append(text.Length > 0 ? " " : "").Append($"Not moved: {string.Join("; ", failed)}.");
        var reply = new AdminReply(text.ToString(), failed.Count == 0) { Toast = failed.Count == 0 ? "applied" : "some pairs were not moved" };
        await audit.RecordAsync(admin, Kind, $"{worker} {string.Join(',', chosen)}", reply, cancellationToken);
        return reply;
    }

    private static AdminReply Render(string worker, List<string> selected, IReadOnlyList<PairSummary> pairs)
    {
        var text = new StringBuilder($"Choose the pairs to move to {worker}, then press ✔ apply:");
        var rows = new List<IReadOnlyList<ReplyButton>>();
        foreach (var p in pairs)
        {
            var here = p.AccountId == worker;
            var mark = here || selected.Contains(p.PairId) ? "✅" : "⬜";
            text.AppendLine().Append($"{mark} {p.PairId} {p.SourceTitle ?? p.SourceChat} (now on {p.AccountId ?? "-"})");
            rows.Add([new ReplyButton($"{mark} {p.PairId}{(here ? " (here)" : "")}", TogglePrefix + p.PairId)]);
        }
        rows.Add([new ReplyButton("✔ apply", Apply), new ReplyButton("✖ cancel", "/cancel")]);
        return AdminReply.Ok(text.ToString()).WithButtons([.. rows]);
    }

    private static List<string> Selected(AdminConversation conversation)
        => [.. (conversation.Field(SelectedField) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
}
