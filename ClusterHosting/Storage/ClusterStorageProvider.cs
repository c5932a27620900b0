namespace Cluster.Hosting.Storage;

/// <summary>The cluster database: SQLite for the one-silo embedded default, PostgreSQL for several silos.</summary>
public enum ClusterStorageProvider
{
    Sqlite,
    Postgres,
}
