using Cluster.Runtime.Client;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Rebalancing;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Management;

/// <summary>The management view read straight from the cluster tables: silos and everything they publish with
/// their heartbeats (loads, activations per type, call statistics), the directory, states and reminders. Works
/// the same on a silo and on a cluster client, since both reach the cluster database.</summary>
internal sealed class ClusterManagement(IClusterStorage storage, IOptions<MembershipOptions> membership, IServiceProvider services) : IClusterManagement
{
    public async Task<IReadOnlyList<SiloSummary>> GetSilosAsync(CancellationToken cancellationToken = default)
        => (await ReadAsync(cancellationToken)).View.Silos;

    public async Task<IReadOnlyList<ActivationCount>> GetActivationCountsAsync(CancellationToken cancellationToken = default)
    {
        var (view, loads) = await ReadAsync(cancellationToken);
        return view.Serving
            .SelectMany(s => loads[s.SiloId].ActivationsByType.Select(t => new ActivationCount(t.Key, s.SiloId, t.Value)))
            .OrderBy(c => c.GrainType, StringComparer.Ordinal).ThenBy(c => c.SiloId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<MethodCallStats>> GetCallStatsAsync(CancellationToken cancellationToken = default)
    {
        var (view, loads) = await ReadAsync(cancellationToken);
        return view.Serving
            .SelectMany(s => loads[s.SiloId].CallStats.Select(c => c with { SiloId = s.SiloId }))
            .OrderBy(c => c.GrainType, StringComparer.Ordinal).ThenBy(c => c.Method, StringComparer.Ordinal).ThenBy(c => c.SiloId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<GrainLocation?> LocateAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        var entry = await storage.Directory.LookupAsync(grainId.ToString(), cancellationToken);
        if (entry?.SiloId is null) return null;
        // A row still naming a dead silo is not a live activation: the grain is active nowhere until re-claimed.
        var (view, _) = await ReadAsync(cancellationToken);
        if (!view.Serving.Any(s => s.SiloId == entry.SiloId)) return null;
        return new GrainLocation(grainId, entry.SiloId, entry.Address ?? "", entry.Epoch);
    }

    public async Task<GrainDetails> GetGrainDetailsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        var location = await LocateAsync(grainId, cancellationToken);
        var states = await storage.States.ReadAllForGrainAsync(grainId.ToString(), cancellationToken);
        var reminders = await storage.Reminders.ReadForGrainAsync(grainId.ToString(), cancellationToken);
        return new GrainDetails(grainId, location, states, reminders);
    }

    /// <summary>Asks every Active silo to run a rebalancing round now (only the most loaded one moves grains, as
    /// in its regular rounds): this silo's rebalancer directly, the others through their endpoint. Works the same
    /// from a cluster client. Fails only when no silo could be asked.</summary>
    public async Task RequestRebalanceAsync(CancellationToken cancellationToken = default)
    {
        var (view, _) = await ReadAsync(cancellationToken);
        var local = services.GetService<ISiloMembership>()?.LocalSiloId;
        var messenger = services.GetService<SiloMessenger>() ?? services.GetService<ClusterClient>()?.Messenger;
        var active = view.Silos.Where(s => s.Status == SiloStatus.Active).ToList();
        if (active.Count == 0) throw new InvalidOperationException("No active silo to rebalance: the cluster has no silo running.");
        var failures = new List<string>();
        foreach (var silo in active)
        {
            if (silo.SiloId == local && services.GetService<Rebalancer>() is { } rebalancer)
            {
                rebalancer.RequestRound();
                continue;
            }
            if (messenger is null)
            {
                failures.Add($"{silo.SiloId}: no messenger in this process to reach it");
                continue;
            }
            try { await messenger.PostAsync(silo.Address, ClusterHeaders.RebalancePath, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{silo.SiloId} at {silo.Address}: {e.Message}");
            }
        }
        if (failures.Count == active.Count)
            throw new InvalidOperationException("No silo accepted the rebalance request: " + string.Join("; ", failures));
    }

    private async Task<(MembershipView View, IReadOnlyDictionary<string, PublishedLoad> Loads)> ReadAsync(CancellationToken cancellationToken)
        => MembershipViewBuilder.Build(await storage.Membership.ReadAllAsync(cancellationToken), membership.Value.DeathTimeout);
}
