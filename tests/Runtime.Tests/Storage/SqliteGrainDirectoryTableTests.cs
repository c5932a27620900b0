using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The GrainDirectoryTable contract on SQLite.</summary>
public sealed class SqliteGrainDirectoryTableTests() : GrainDirectoryTableContract(TestDatabases.Sqlite);
