namespace Cluster.Hosting.Storage;

/// <summary>Creates (idempotently) every table and query the cluster needs in its database: Orleans' ADO.NET
/// membership, grain storage and reminder contracts where they are used, plus our own tables (always-on registry,
/// session leases). Safe when several silos start at once against a fresh database.</summary>
public interface IClusterSchema
{
    Task ApplyAsync(CancellationToken cancellationToken);
}
