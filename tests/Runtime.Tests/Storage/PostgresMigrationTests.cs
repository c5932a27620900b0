using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The Migration contract on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresMigrationTests() : MigrationContract(TestDatabases.Postgres);
