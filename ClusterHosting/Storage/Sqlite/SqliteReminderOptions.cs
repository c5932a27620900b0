using Orleans;

namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>Options of the SQLite reminder table (<see cref="SqliteReminderTable"/>).</summary>
public sealed class SqliteReminderOptions
{
    /// <summary>The Microsoft.Data.Sqlite connection string of the cluster database. Default <c>Data Source=cluster.db</c>
    /// (<see cref="ClusterStorageOptions.DefaultSqliteConnectionString"/>).</summary>
    [Redact]
    public string ConnectionString { get; set; } = ClusterStorageOptions.DefaultSqliteConnectionString;
}
