using System.Collections.Concurrent;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Cluster.Fakes;

/// <summary>A router that "activates" grains by claiming them in the in-memory directory for a fixed silo,
/// and records reminder deliveries.</summary>
internal sealed class FakeRouter(IClusterStorage storage, string siloId) : IGrainRouter
{
    public ConcurrentQueue<GrainId> Activated { get; } = new();
    public ConcurrentQueue<(GrainId Grain, string Name, DateTimeOffset At)> Ticks { get; } = new();

    public async Task<string> EnsureActiveAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var claim = await storage.Directory.TryClaimAsync(grainId.ToString(), grainId.Type, siloId, $"http://{siloId}:1", TimeSpan.FromSeconds(3), cancellationToken);
        if (claim.Granted) Activated.Enqueue(grainId);
        return claim.Entry.SiloId!;
    }

    public Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        Ticks.Enqueue((grainId, reminderName, status.CurrentTickTime));
        return Task.CompletedTask;
    }
}
