using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The AlwaysOnTable contract on SQLite.</summary>
public sealed class SqliteAlwaysOnTableTests() : AlwaysOnTableContract(TestDatabases.Sqlite);
