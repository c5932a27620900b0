using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.AdminBot.Handlers;

/// <summary>/worker_stats &lt;id&gt;: messages forwarded and sent, success rate, average and p95 forward latency (from a
/// message's arrival at our system, when the account read the update, to its delivery), the last error and when, errors
/// and flood waits in the last 24 hours; with start/stop/restart buttons.</summary>
public sealed class WorkerStatsHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("worker_stats", "/worker_stats <id>", "a worker's statistics: forwarded, sent, success rate, forward latency, errors", 1, 1)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = command.Arguments[0];
        if (await fleet.FindAccountAsync(id) is null) return WorkerReplies.NoSuchWorker(id);
        var account = fleet.Account(id);
        var status = await account.GetStatusAsync();
        var stats = await StatisticsAsync(id);
        var silo = await fleet.Cluster.SiloOfAccountAsync(id, await fleet.Cluster.SilosAsync());

        var text = new StringBuilder();
        text.AppendLine($"Worker {id} - {WorkersHandler.Describe(status.State, status.Enabled)}");
        text.AppendLine($"silo {silo?.Name ?? "-"} · uptime {(status.ActiveSince is null ? "-" : Show.Duration(status.Uptime))} · restarts {status.Restarts} · api_id {status.ApiId} · phone {status.PhoneMasked ?? "-"}");
        text.AppendLine($"pairs {stats.PairIds.Count} · forwarded {stats.Forwarded} · sent {stats.Sent} · failed {stats.Failed} · success rate {(stats.SuccessRate is { } rate ? Show.Number(rate * 100) + "%" : "-")}");
        text.AppendLine($"forward latency from arrival: avg {Show.Ms(stats.ForwardTime.MeanMs)} · p95 {Show.Ms(stats.ForwardTime.P95Ms)} ({stats.ForwardTime.Count} measured)");
        text.AppendLine($"last 24 h: sent {stats.SentLast24Hours} · errors {stats.ErrorsLast24Hours} · flood waits {stats.FloodWaitsLast24Hours} · sent this hour {status.Usage.SentThisHour}/{status.Usage.HourlyLimit} · today {status.Usage.SentToday}/{status.Usage.DailyLimit}");
        text.Append($"last error {(stats.LastError is null ? "none" : $"{stats.LastError} at {Show.Time(stats.LastErrorAt)}")}");
        return AdminReply.Ok(text.ToString()).WithButtons(WorkerReplies.ControlButtons(id));
    }

    private async Task<AccountStatistics> StatisticsAsync(string id)
    {
        try
        {
            return await fleet.Account(id).GetStatisticsAsync();
        }
        catch (NotImplementedException)
        {
            return await FromPairsAsync(id);
        }
    }

    /// <summary>For a cluster whose account grain cannot give statistics yet: lifetime counts from the account's status and
    /// its pairs' timings (the p95 is the worst pair's, an upper bound; no 24-hour window, so lifetime counts stand in).</summary>
    private async Task<AccountStatistics> FromPairsAsync(string id)
    {
        var status = await fleet.Account(id).GetStatusAsync();
        var pairs = await fleet.PairsAsync(id);
        var timings = await Task.WhenAll(pairs.Select(p => fleet.Pair(p.PairId).GetTimingAsync()));
        var statuses = await Task.WhenAll(pairs.Select(p => fleet.Pair(p.PairId).GetStatusAsync()));
        var measured = timings.Sum(t => t.Forward.Count);
        var mean = measured == 0 ? 0 : timings.Sum(t => t.Forward.MeanMs * t.Forward.Count) / measured;
        var p95 = timings.Length == 0 ? 0 : timings.Max(t => t.Forward.P95Ms);
        var c = status.Counters;
        return new AccountStatistics(id, status.State, statuses.Sum(p => p.Statistics.Forwarded), c.Sent, c.Failed,
            c.Sent + c.Failed == 0 ? null : (double)c.Sent / (c.Sent + c.Failed),
            new LatencySummary(measured, mean, 0, p95, 0, 0), LatencySummary.Empty, status.LastError, status.LastErrorAt,
            (int)c.Failed, (int)c.FloodWaits, (int)c.Sent, [], [.. pairs.Select(p => p.PairId)], status.AsOf);
    }
}
