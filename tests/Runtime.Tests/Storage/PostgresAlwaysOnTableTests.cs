using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The AlwaysOnTable contract on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresAlwaysOnTableTests() : AlwaysOnTableContract(TestDatabases.Postgres);
