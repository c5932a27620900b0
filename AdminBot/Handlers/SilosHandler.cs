using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Cluster.Runtime;

namespace Cluster.AdminBot.Handlers;

/// <summary>/silos: every silo with its status, load (activations, CPU, memory, calls/s), capacity per resource and
/// its grains per type; a rebalance button.</summary>
public sealed class SilosHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("silos", "/silos", "silos: status, load, capacity, grains per type")];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var silos = await fleet.Management.GetSilosAsync(cancellationToken);
        var counts = await fleet.Management.GetActivationCountsAsync(cancellationToken);
        var live = silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown).ToList();
        if (live.Count == 0) return AdminReply.Fail("No live silo: the cluster is down (the membership table lists none active).");
        var text = new StringBuilder($"Silos: {live.Count} live");
        if (silos.Count > live.Count) text.Append($", {silos.Count - live.Count} gone");
        text.AppendLine();
        foreach (var silo in silos.OrderBy(s => s.Status != SiloStatus.Active).ThenBy(s => s.SiloId, StringComparer.Ordinal))
        {
            if (silo.Status is SiloStatus.Left or SiloStatus.Dead && live.Count > 0 && silos.Count > 8) continue;
            var load = silo.Load;
            text.AppendLine();
            text.AppendLine($"{silo.SiloId} - {silo.Status.ToString().ToLowerInvariant()} · {silo.Address} · up since {Show.Time(silo.StartedAt)}");
            if (silo.Status is SiloStatus.Left or SiloStatus.Dead) continue;
            text.AppendLine($"  load: {load.Activations} activations · cpu {Show.Number(load.CpuPercent)}% · memory {Show.Bytes(load.MemoryBytes)} · {Show.Number(load.CallsPerSecond)} calls/s");
            var resources = load.ResourceCapacity.Keys.Union(load.ResourcesUsed.Keys).OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (resources.Count > 0)
                text.AppendLine("  capacity: " + string.Join(" · ", resources.Select(r =>
                    $"{r} {load.ResourcesUsed.GetValueOrDefault(r)}/{(load.ResourceCapacity.TryGetValue(r, out var cap) ? cap.ToString(System.Globalization.CultureInfo.InvariantCulture) : "∞")}")));
            var grains = counts.Where(c => c.SiloId == silo.SiloId && c.Count > 0).OrderBy(c => c.GrainType, StringComparer.Ordinal).ToList();
            text.AppendLine("  grains: " + (grains.Count == 0 ? "none" : string.Join(" · ", grains.Select(g => $"{g.GrainType} {g.Count}"))));
        }
        return AdminReply.Ok(text.ToString().TrimEnd()).WithButtons([new ReplyButton("⚖ rebalance now", "/rebalance"), new ReplyButton("↻ refresh", "/silos")]);
    }
}
