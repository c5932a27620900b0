using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.AdminBot.Handlers;

/// <summary>/pair &lt;id&gt;: a pair's configuration, statistics and timing, with pause/resume buttons.</summary>
public sealed class PairHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("pair", "/pair <id>", "a pair's configuration, statistics and timing", 1, 1)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = command.Arguments[0];
        if (await fleet.FindPairAsync(id) is null) return PairReplies.NoSuchPair(id);
        var pair = fleet.Pair(id);
        var status = await pair.GetStatusAsync();
        var timing = await pair.GetTimingAsync();
        var c = status.Configuration;
        var s = status.Statistics;

        var text = new StringBuilder();
        text.AppendLine($"Pair {id}{(status.Name is null ? "" : $" ({status.Name})")} - {status.State.ToString().ToLowerInvariant()}");
        text.AppendLine($"worker {status.AccountId ?? "-"} · mode {status.Mode.ToString().ToLowerInvariant()} · enabled {(status.Enabled ? "yes" : "no")} · paused {(status.Paused ? "yes" : "no")}");
        text.AppendLine($"source {status.SourceTitle ?? status.SourceChat ?? "-"}{(status.SourceChatId is { } sid ? $" [{sid}]" : "")}");
        foreach (var d in status.Destinations) text.AppendLine($"  -> {d.Title ?? d.Reference}{(d.ChatId is { } cid ? $" [{cid}]" : "")}");
        if (c is not null)
        {
            var filters = c.Filters;
            var filterCount = filters.AllowKeywords.Count + filters.BlockKeywords.Count + filters.AllowPatterns.Count + filters.BlockPatterns.Count
                + filters.AllowedMedia.Count + filters.BlockedMedia.Count + filters.AllowedSenders.Count + filters.BlockedSenders.Count;
            text.AppendLine($"filters {filterCount} · replacements {c.Replacements.Count} · delay {Show.Duration(c.Delay)}{(c.CaptionHeader is null ? "" : " · header")}{(c.CaptionFooter is null ? "" : " · footer")}");
        }
        text.AppendLine($"received {s.Received} · forwarded {s.Forwarded} · filtered {s.Filtered} · skipped {s.Skipped} · failed {s.Failed} · edits {s.EditsMirrored} · deletions {s.DeletionsMirrored}");
        text.AppendLine($"last received {Show.Time(s.LastReceivedAt)} · last forwarded {Show.Time(s.LastForwardedAt)} · pending {status.PendingOperations}");
        text.AppendLine($"forward latency from arrival: avg {Show.Ms(timing.Forward.MeanMs)} · p50 {Show.Ms(timing.Forward.P50Ms)} · p95 {Show.Ms(timing.Forward.P95Ms)} · max {Show.Ms(timing.Forward.MaxMs)} ({timing.Forward.Count})");
        text.Append($"in the pair: avg {Show.Ms(timing.Processing.MeanMs)} · p95 {Show.Ms(timing.Processing.P95Ms)}");
        if (status.LastError is not null) text.AppendLine().Append($"last error {status.LastError} at {Show.Time(status.LastErrorAt)}");
        return AdminReply.Ok(text.ToString()).WithButtons(PairReplies.ControlButtons(id, status.Paused));
    }
}
