using Microsoft.Extensions.Logging;

namespace Cluster.Hosting.Storage;

/// <summary>Applies the cluster database's schema (<see cref="IClusterSchema"/>) as the first step of a silo's start, before
/// Orleans' membership, storage and reminder providers open the database. The schema's own locking makes concurrent first
/// starts of several silos safe.</summary>
public sealed partial class ClusterSchemaInstaller(IClusterSchema schema, ILogger<ClusterSchemaInstaller> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Before <see cref="ServiceLifecycleStage.RuntimeInitialize"/>, where the membership table is opened.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 100;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(ClusterSchemaInstaller), Stage, ApplyAsync);

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await schema.ApplyAsync(cancellationToken);
        LogApplied(schema.GetType().Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster database schema applied ({Schema})")]
    private partial void LogApplied(string schema);
}
