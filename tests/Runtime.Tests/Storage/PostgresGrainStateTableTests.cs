using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The GrainStateTable contract on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresGrainStateTableTests() : GrainStateTableContract(TestDatabases.Postgres);
