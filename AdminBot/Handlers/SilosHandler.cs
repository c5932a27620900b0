using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;

namespace Cluster.AdminBot.Handlers;

/// <summary>/silos: every silo of the membership table with its name, address and status; for live silos their load
/// (activations, CPU, memory, connected clients) and their grains per type (the accounts among them), from Orleans'
/// management grain.</summary>
public sealed class SilosHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    /// <summary>Dead silos stay in the membership table for a while; past this many rows only live ones are listed.</summary>
    private const int ListDeadUpTo = 8;

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("silos", "/silos", "silos: status, address, load, grains per type")];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var silos = await fleet.Cluster.SilosAsync();
        var live = silos.Where(s => s.IsLive).ToList();
        if (live.Count == 0) return AdminReply.Fail("No live silo: the cluster is down (the membership table lists none active).");
        var statistics = await fleet.Cluster.StatisticsAsync(live);
        var counts = await fleet.Cluster.GrainCountsAsync(live);

        var text = new StringBuilder($"Silos: {live.Count} live");
        if (silos.Count > live.Count) text.Append($", {silos.Count - live.Count} gone");
        text.AppendLine();
        foreach (var silo in silos.OrderBy(s => !s.IsLive).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!silo.IsLive && silos.Count > ListDeadUpTo) continue;
            text.AppendLine();
            text.AppendLine($"{silo.Name} - {Status(silo.Status)} · {silo.Endpoint} · up since {Show.Time(silo.StartedAt)}");
            if (!silo.IsLive) continue;
            var at = live.IndexOf(silo);
            if (at < statistics.Length && statistics[at] is { } load)
            {
                var environment = load.EnvironmentStatistics;
                text.AppendLine($"  load: {load.ActivationCount} activations · cpu {Show.Number(environment.FilteredCpuUsagePercentage)}% · memory {Show.Bytes(environment.FilteredMemoryUsageBytes)} · {load.ClientCount} client{(load.ClientCount == 1 ? "" : "s")}{(load.IsOverloaded ? " · overloaded" : "")}");
            }
            var grains = counts.Where(c => c.SiloAddress.Equals(silo.Address) && c.ActivationCount > 0 && !ClusterView.IsOrleansInternal(c.GrainType))
                .GroupBy(c => ClusterView.GrainTypeName(c.GrainType), c => c.ActivationCount)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            text.AppendLine("  grains: " + (grains.Count == 0 ? "none" : string.Join(" · ", grains.Select(g => $"{g.Key} {g.Sum()}"))));
        }
        return AdminReply.Ok(text.ToString().TrimEnd()).WithButtons([new ReplyButton("↻ refresh", "/silos")]);
    }

    private static string Status(SiloStatus status) => status switch
    {
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "shutting down",
        _ => status.ToString().ToLowerInvariant(),
    };
}
