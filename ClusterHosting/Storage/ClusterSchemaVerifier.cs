using Cluster.Hosting.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cluster.Hosting.Storage;

/// <summary>Instead of <see cref="ClusterSchemaInstaller"/> when <c>Cluster:Storage:Schema=Verify</c>: at the same first step
/// of a silo's start, installs nothing but waits until the PostgreSQL cluster database has at least this build's schema
/// version (<see cref="PostgresClusterSchema.CurrentVersion"/>), which the schema step (<c>dotnet Cluster.Silo.dll schema</c>,
/// the Job <c>silo-schema</c> in Kubernetes) installs once per rollout. Until then the silo is not started, so it is neither
/// live nor ready, and it logs what it waits for; after <c>Cluster:Storage:SchemaWaitTimeout</c> it gives up with
/// <see cref="ClusterSchemaNotReadyException"/> (the silo exits 1 and Kubernetes starts it again).</summary>
public sealed partial class ClusterSchemaVerifier(
    NpgsqlDataSource dataSource, IOptions<ClusterStorageOptions> options, ILogger<ClusterSchemaVerifier> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How often the version is read again while it is missing or older.</summary>
    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the wait is logged again (the first check that fails is logged at once).</summary>
    internal TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(10);

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(ClusterSchemaVerifier), ClusterSchemaInstaller.Stage, WaitAsync);

    /// <summary>Returns the installed version once it is at least <see cref="PostgresClusterSchema.CurrentVersion"/>.</summary>
    /// <exception cref="ClusterSchemaNotReadyException">Not so within <c>Cluster:Storage:SchemaWaitTimeout</c>.</exception>
    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        var schema = new PostgresClusterSchema(dataSource);
        var timeout = options.Value.SchemaWaitTimeout;
        var (server, database, _) = ClusterDatabaseUnreachableException.Describe(dataSource.ConnectionString);
        var started = TimeProvider.System.GetTimestamp();
        var lastLog = (long?)null;
        while (true)
        {
            string found;
            Exception? failure = null;
            try
            {
                var installed = await schema.ReadInstalledVersionAsync(cancellationToken).ConfigureAwait(false);
                if (installed >= PostgresClusterSchema.CurrentVersion)
                {
                    if (installed > PostgresClusterSchema.CurrentVersion) LogNewer(installed.Value, PostgresClusterSchema.CurrentVersion);
                    else LogVerified(installed.Value);
                    return installed.Value;
                }
                found = installed is { } older ? $"has schema version {older}" : "has no cluster schema";
            }
            catch (Exception e) when (e is ClusterDatabaseUnreachableException or NpgsqlException && !cancellationToken.IsCancellationRequested)
            {
                // The database may still be coming up (dev's in-cluster PostgreSQL): wait for it like for the schema.
                found = "did not answer (" + e.Message + ")";
                failure = e;
            }

            var waited = TimeProvider.System.GetElapsedTime(started);
            var problem = $"The cluster database \"{database}\" on server {server} {found}; this silo needs schema version " +
                $"{PostgresClusterSchema.CurrentVersion} ({ClusterStorageOptions.SectionName}:Schema=Verify installs nothing)";
            if (waited >= timeout)
                throw new ClusterSchemaNotReadyException(
                    $"{problem}. Waited {timeout.TotalSeconds:0.#} s ({ClusterStorageOptions.SectionName}:SchemaWaitTimeout). " +
                    "Run the schema step (`dotnet Cluster.Silo.dll schema`; in Kubernetes the Job silo-schema) and start the silo again.",
                    failure);
            if (lastLog is null || TimeProvider.System.GetElapsedTime(lastLog.Value) >= LogInterval)
            {
                LogWaiting(problem, timeout - waited);
                lastLog = TimeProvider.System.GetTimestamp();
            }
            var pause = timeout - waited < PollInterval ? timeout - waited : PollInterval;
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}: waiting for the schema step, giving up in {Left}")]
    private partial void LogWaiting(string problem, TimeSpan left);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster database schema version {Version} verified (not installed by this silo)")]
    private partial void LogVerified(int version);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The cluster database has schema version {Installed}, newer than this build's {Current}; starting on it (schema changes stay compatible with the previous release)")]
    private partial void LogNewer(int installed, int current);
}
