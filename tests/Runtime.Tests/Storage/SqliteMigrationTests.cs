using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The Migration contract on SQLite.</summary>
public sealed class SqliteMigrationTests() : MigrationContract(TestDatabases.Sqlite);
