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

    /// <summary>What a silo does with the schema at start: <c>Install</c> (default) applies it, as the first step of its start,
    /// under an advisory lock; <c>Verify</c> (PostgreSQL only; the k8s manifests, where the schema step runs once per rollout
    /// as a Job) installs nothing and waits up to <see cref="SchemaWaitTimeout"/> for the database to have this build's schema
    /// version, then refuses to start.</summary>
    public ClusterSchemaMode Schema { get; set; } = ClusterSchemaMode.Install;

    /// <summary>With <see cref="Schema"/> <c>Verify</c>: how long a starting silo waits for a missing or older schema to be
    /// installed (by the schema step) before it gives up and exits. Default 1 minute.</summary>
    public TimeSpan SchemaWaitTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What is wrong with these settings (besides the connection string); empty when nothing is.</summary>
    public IEnumerable<string> Problems()
    {
        if (Schema == ClusterSchemaMode.Verify && Provider != ClusterStorageProvider.Postgres)
            yield return $"{SectionName}:Schema=Verify requires {SectionName}:Provider=Postgres (SQLite silos always install the schema).";
        if (SchemaWaitTimeout < TimeSpan.Zero)
            yield return $"{SectionName}:SchemaWaitTimeout must not be negative, got {SchemaWaitTimeout}.";
    }

    /// <summary>The connection string in effect: the configured one, or the provider's default.</summary>
    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == ClusterStorageProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new InvalidOperationException($"{SectionName}:ConnectionString is required when {SectionName}:Provider is Postgres");
}
