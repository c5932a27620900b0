namespace Cluster.Hosting.Storage;

/// <summary>Where the cluster database is; bound from <c>Cluster:Storage</c> (keys <c>Provider</c>, <c>ConnectionString</c>).
/// Grain state, reminders, the always-on registry and session leases live there; with PostgreSQL also the membership table.</summary>
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

    /// <summary>The connection string in effect: the configured one, or the provider's default.</summary>
    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == ClusterStorageProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new InvalidOperationException($"{SectionName}:ConnectionString is required when {SectionName}:Provider is Postgres");
}
