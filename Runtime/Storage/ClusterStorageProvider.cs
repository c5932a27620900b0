namespace Cluster.Runtime.Storage;

/// <summary>Which database holds the cluster's tables: SQLite (embedded default, one file shared by the
/// silos of one machine) or PostgreSQL (production, Kubernetes).</summary>
public enum ClusterStorageProvider
{
    Sqlite,
    Postgres,
}
