using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The GrainStateTable contract on SQLite.</summary>
public sealed class SqliteGrainStateTableTests() : GrainStateTableContract(TestDatabases.Sqlite);
