namespace Cluster.Hosting.Storage;

/// <summary>What a silo does with the cluster database's schema at start (<c>Cluster:Storage:Schema</c>).</summary>
public enum ClusterSchemaMode
{
    /// <summary>Apply it (idempotent, under a lock): the embedded default and tools/run-cluster.sh.</summary>
    Install,

    /// <summary>Install nothing; wait for the schema step (<c>dotnet Cluster.Silo.dll schema</c>, the k8s Job) to have
    /// installed this build's version, and refuse to start when it does not come in time.</summary>
    Verify,
}
