using System.Data.Common;
using Cluster.Hosting.Storage;
using Cluster.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Health;

/// <summary>Ready only while the cluster database (<c>Cluster:Storage</c>) answers <c>SELECT 1</c> within
/// <c>Silo:ReadinessTimeout</c>: without it the silo can neither keep its membership nor write grain state.</summary>
internal sealed class DatabaseHealthCheck(IConfiguration configuration, IOptions<SiloOptions> options) : IHealthCheck
{
    private readonly ClusterStorageOptions _storage =
        configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new ClusterStorageOptions();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.ReadinessTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await PingAsync(cts.Token).WaitAsync(cts.Token);
            return HealthCheckResult.Healthy("the cluster database answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the cluster database did not answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's type and message, not the connection string: it may hold a password.
            return HealthCheckResult.Unhealthy($"the cluster database did not answer: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = _storage.Provider == ClusterStorageProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(_storage.EffectiveConnectionString)
            : new Npgsql.NpgsqlConnection(_storage.EffectiveConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
