using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The ReminderTable contract on SQLite.</summary>
public sealed class SqliteReminderTableTests() : ReminderTableContract(TestDatabases.Sqlite);
