namespace Cluster.Runtime.Storage;

/// <summary>Where the cluster database is and how to talk to it; bound from the configuration section
/// <c>Cluster:Storage</c> (keys <c>Provider</c>, <c>ConnectionString</c>, <c>BusyTimeout</c>).</summary>
public sealed class ClusterStorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster:Storage";

    /// <summary>The connection string used for SQLite when none is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=cluster.db";

    /// <summary>The database provider: <c>Sqlite</c> or <c>Postgres</c>. Default <c>Sqlite</c>.</summary>
    public ClusterStorageProvider Provider { get; set; } = ClusterStorageProvider.Sqlite;

    /// <summary>The ADO.NET connection string. Default for SQLite <c>Data Source=cluster.db</c>; required for Postgres
    /// (e.g. <c>Host=db;Database=cluster;Username=cluster;Password=...</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a SQLite statement waits for another process's write lock before failing. Default 10 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The connection string in effect: the configured one, or the provider's default.</summary>
    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == ClusterStorageProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new InvalidOperationException($"{SectionName}:ConnectionString is required when {SectionName}:Provider is Postgres");
}
