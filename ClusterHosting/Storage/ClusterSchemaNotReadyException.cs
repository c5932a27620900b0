namespace Cluster.Hosting.Storage;

/// <summary>A silo that verifies the schema (<c>Cluster:Storage:Schema=Verify</c>) did not find this build's schema version
/// in the cluster database within <c>Cluster:Storage:SchemaWaitTimeout</c>. The message is one line naming the database
/// (never its password), the version found and the one needed, and what to do.</summary>
public sealed class ClusterSchemaNotReadyException(string message, Exception? innerException = null) : Exception(message, innerException);
