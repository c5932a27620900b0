using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;

namespace Cluster.AdminBot.Handlers;

/// <summary>/worker_stats &lt;id&gt;: messages forwarded and sent, success rate, average and p95 forward time, the last error
/// and when, errors and flood waits; with start/stop/restart buttons.</summary>
public sealed class WorkerStatsHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("worker_stats", "/worker_stats <id>", "a worker's statistics: forwarded, sent, success rate, forward times, errors", 1, 1)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = command.Arguments[0];
        if (await fleet.FindAccountAsync(id) is null) return WorkerReplies.NoSuchWorker(id);
        var status = await fleet.Account(id).GetStatusAsync();
        var pairs = await fleet.PairsAsync(id);
        var timings = await Task.WhenAll(pairs.Select(p => fleet.Pair(p.PairId).GetTimingAsync()));
        var statuses = await Task.WhenAll(pairs.Select(p => fleet.Pair(p.PairId).GetStatusAsync()));
        var silos = await fleet.Management.GetSilosAsync(cancellationToken);
        var silo = await fleet.SiloOfAccountAsync(id, silos, cancellationToken);

        var forwarded = statuses.Sum(s => s.Statistics.Forwarded);
        var pairFailures = statuses.Sum(s => s.Statistics.Failed);
        var measured = timings.Sum(t => t.EndToEnd.Count);
        var mean = measured == 0 ? 0 : timings.Sum(t => t.EndToEnd.MeanMs * t.EndToEnd.Count) / measured;
        // Each pair keeps its own histogram; the worker's p95 is the worst pair's, an upper bound of the true one.
        var p95 = timings.Length == 0 ? 0 : timings.Max(t => t.EndToEnd.P95Ms);
        var counters = status.Counters;
        var attempts = counters.Sent + counters.Failed;

        var text = new StringBuilder();
        text.AppendLine($"Worker {id} - {WorkersHandler.Describe(status.State, status.Enabled)}");
        text.AppendLine($"silo {silo?.SiloId ?? "-"} · uptime {(status.ActiveSince is null ? "-" : Show.Duration(status.Uptime))} · restarts {status.Restarts} · api_id {status.ApiId} · phone {status.PhoneMasked ?? "-"}");
        text.AppendLine($"pairs {pairs.Count} · forwarded {forwarded} · sent {counters.Sent} · failed {counters.Failed} · success rate {Show.Percent(counters.Sent, attempts)}");
        text.AppendLine($"forward time avg {Show.Ms(mean)} · p95 {Show.Ms(p95)} ({measured} measured)");
        text.AppendLine($"flood waits {counters.FloodWaits} · pair failures {pairFailures} · sent this hour {status.Usage.SentThisHour}/{status.Usage.HourlyLimit} · today {status.Usage.SentToday}/{status.Usage.DailyLimit}");
        text.Append($"last error {(status.LastError is null ? "none" : $"{status.LastError} at {Show.Time(status.LastErrorAt)}")}");
        return AdminReply.Ok(text.ToString()).WithButtons(WorkerReplies.ControlButtons(id));
    }
}
