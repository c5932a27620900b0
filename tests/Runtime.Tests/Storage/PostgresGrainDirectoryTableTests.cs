using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The GrainDirectoryTable contract on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresGrainDirectoryTableTests() : GrainDirectoryTableContract(TestDatabases.Postgres);
