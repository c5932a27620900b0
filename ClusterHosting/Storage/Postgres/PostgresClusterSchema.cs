using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cluster.Hosting.Storage.Postgres;

/// <summary>Installs the cluster schema into an existing PostgreSQL database: the statement catalogue, tables and
/// functions of Orleans' ADO.NET membership, grain-storage and reminder providers (Invariant <c>Npgsql</c>), and our
/// own tables (always-on registry, session leases). Creates schema objects only, in the connection's current schema;
/// the database must exist.
/// <para>All scripts run in one transaction under a transaction-scoped advisory lock, so silos that start at once
/// against a fresh database install it once and the others wait and find it installed. The installed version is
/// recorded in <c>cluster_schema_version</c>: at <see cref="CurrentVersion"/> applying again changes nothing; an older
/// version is brought up to date (every script is idempotent); a newer one is left alone.</para></summary>
public sealed partial class PostgresClusterSchema : IClusterSchema
{
    /// <summary>The schema version these scripts install. Raise it whenever a script changes, so databases at the
    /// previous version get the change.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The key of the advisory lock the installer holds while it works ("ClHostSc").</summary>
    public const long AdvisoryLockKey = 0x436C_486F_7374_5363;

    /// <summary>The scripts, in the order they run, as paths below the ClusterHosting project.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
    [
        "Storage/Postgres/schema-version.sql",
        "Storage/Postgres/orleans-query.sql",
        "Storage/Postgres/membership.sql",
        "Storage/Postgres/grain-storage.sql",
        "Storage/Postgres/reminders.sql",
        "Keeping/Postgres/always-on.sql",
        "Leases/Postgres/session-leases.sql",
    ];

    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger logger;

    public PostgresClusterSchema(NpgsqlDataSource dataSource, ILogger<PostgresClusterSchema>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <exception cref="ClusterDatabaseUnreachableException">The database cannot be connected to.</exception>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var scripts = Scripts.Select(path => (Path: path, Text: ReadScript(path))).ToList();
        await using var connection = await OpenAsync("install the cluster schema", cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var installed = await ReadInstalledVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (installed >= CurrentVersion)
        {
            if (installed > CurrentVersion)
            {
                LogNewerSchema(installed.Value, CurrentVersion);
            }
            else
            {
                LogUpToDate(CurrentVersion);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var (path, text) in scripts)
        {
            await using var command = new NpgsqlCommand(text, connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                var (server, database, _) = ClusterDatabaseUnreachableException.Describe(dataSource.ConnectionString);
                throw new InvalidOperationException(
                    $"Installing the cluster schema into database \"{database}\" on server {server} failed in {path}: {e.Message}", e);
            }
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO cluster_schema_version (version) VALUES ($1) ON CONFLICT (version) DO NOTHING", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = CurrentVersion });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogInstalled(CurrentVersion, installed);
    }

    /// <summary>The highest schema version recorded in the database; null when none is (a fresh database).</summary>
    /// <exception cref="ClusterDatabaseUnreachableException">The database cannot be connected to.</exception>
    public async Task<int?> ReadInstalledVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync("read the cluster schema version", cancellationToken).ConfigureAwait(false);
        return await ReadInstalledVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text of one of <see cref="Scripts"/>, from the assembly's embedded resources.</summary>
    public static string ReadScript(string path)
    {
        var assembly = typeof(PostgresClusterSchema).Assembly;
        var suffix = "." + path.Replace('/', '.');
        var names = assembly.GetManifestResourceNames().Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        if (names.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected one embedded schema script ending in '{suffix}' in {assembly.GetName().Name}, found {names.Count}.");
        }
        using var stream = assembly.GetManifestResourceStream(names[0])!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<int?> ReadInstalledVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('cluster_schema_version') IS NOT NULL", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return null;
            }
        }
        await using var read = new NpgsqlCommand("SELECT max(version) FROM cluster_schema_version", connection, transaction);
        var value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is int version ? version : null;
    }

    private async Task<NpgsqlConnection> OpenAsync(string purpose, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw ClusterDatabaseUnreachableException.For(dataSource.ConnectionString, purpose, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed cluster schema version {Version} (was {Previous}).")]
    private partial void LogInstalled(int version, int? previous);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cluster schema version {Version} is already installed.")]
    private partial void LogUpToDate(int version);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The cluster database has schema version {Installed}, newer than this build's {Current}; leaving it as it is.")]
    private partial void LogNewerSchema(int installed, int current);
}
