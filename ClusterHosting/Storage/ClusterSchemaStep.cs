using Cluster.Hosting.Storage.Postgres;
using Cluster.Hosting.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cluster.Hosting.Storage;

/// <summary>The schema step on its own (<c>dotnet Cluster.Silo.dll schema</c>): applies the cluster database's schema for
/// <c>Cluster:Storage</c> exactly as a starting silo in <c>Install</c> mode does (idempotent, under the same lock), then
/// returns. Run once per rollout (the Kubernetes Job <c>silo-schema</c>) before silos that only verify the schema
/// (<c>Cluster:Storage:Schema=Verify</c>) start.</summary>
public static class ClusterSchemaStep
{
    /// <summary>The outcome: <see cref="Succeeded"/> and one line for the operator (no password, no stack trace).</summary>
    public sealed record Result(bool Succeeded, string Message)
    {
        /// <summary>0 when it succeeded, 1 otherwise.</summary>
        public int ExitCode => Succeeded ? 0 : 1;
    }

    public static async Task<Result> RunAsync(IConfiguration configuration, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        loggers ??= NullLoggerFactory.Instance;
        try
        {
            var storage = configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new ClusterStorageOptions();
            var connectionString = storage.EffectiveConnectionString;
            if (storage.Provider == ClusterStorageProvider.Sqlite)
            {
                await new SqliteClusterSchema(connectionString).ApplyAsync(cancellationToken).ConfigureAwait(false);
                var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
                return new(true, $"Cluster schema applied to the SQLite database {Path.GetFullPath(file)}.");
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var schema = new PostgresClusterSchema(dataSource, loggers.CreateLogger<PostgresClusterSchema>());
            var before = await schema.ReadInstalledVersionAsync(cancellationToken).ConfigureAwait(false);
            await schema.ApplyAsync(cancellationToken).ConfigureAwait(false);
            var after = await schema.ReadInstalledVersionAsync(cancellationToken).ConfigureAwait(false);
            var (server, database, _) = ClusterDatabaseUnreachableException.Describe(connectionString);
            var what = before == after ? $"already at version {after}, nothing to do"
                : $"version {after} installed (was {before?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
            if (after > PostgresClusterSchema.CurrentVersion) what += $"; newer than this build's {PostgresClusterSchema.CurrentVersion}, left as it is";
            return new(true, $"Cluster schema of database \"{database}\" on server {server}: {what}.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new(false, "Cluster schema step cancelled.");
        }
        catch (Exception e)
        {
            return new(false, "Cluster schema step failed: " + OneLine(Describe(e)));
        }
    }

    // Binding errors (an unknown provider name) and a missing or invalid connection string name the setting.
    private static string Describe(Exception e) =>
        Configuration.ConfigurationBindingFailure.MessageOf(e) ?? (e is ArgumentException invalid
            ? $"{ClusterStorageOptions.SectionName}:ConnectionString is not valid: {invalid.Message}"
            : e.Message);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
