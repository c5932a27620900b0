using Cluster.Runtime.Activation;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>The silo core's life: at start, validates the grain classes and migrates storage (before any other
/// part starts); follows self-fencing; on stop, drains in the Stopping phase, after membership marked the silo
/// ShuttingDown and before Kestrel stops: takes no new activations, deactivates every grain (state written,
/// directory rows released) while still answering "not here, retry", so callers move on without failing.</summary>
internal sealed partial class SiloRuntimeService(
    ActivationCatalog catalog,
    GrainTypeRegistry registry,
    IClusterStorage storage,
    ISiloMembership membership,
    IOptions<ClusterRuntimeOptions> options,
    ILogger<SiloRuntimeService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        Log.Starting(logger, registry.Classes.Count, string.Join(", ", registry.Classes.Select(c => c.Name)));
        await storage.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        membership.Fenced += catalog.Fence;
        if (membership.IsFenced) catalog.Fence();
        catalog.StartCollector();
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (catalog.IsFenced) return;
        catalog.StopAccepting();
        var siloId = membership.LocalSiloId;
        catalog.Log.Draining(siloId, catalog.Count);
        var drainTimeout = options.Value.DrainTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(drainTimeout);
        try
        {
            await catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            catalog.Log.DrainTimedOut(siloId, drainTimeout.TotalMilliseconds, catalog.Count);
        }
        try
        {
            await Task.Delay(options.Value.GatewayCloseDelay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        membership.Fenced -= catalog.Fence;
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1301, LogLevel.Information, "Silo core starting with {Count} grain types: {GrainTypes}")]
        public static partial void Starting(ILogger logger, int count, string grainTypes);
    }
}
