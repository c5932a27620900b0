using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The ReminderTable contract on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresReminderTableTests() : ReminderTableContract(TestDatabases.Postgres);
