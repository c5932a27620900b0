using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The membership table contract on SQLite.</summary>
public sealed class SqliteMembershipTableTests() : MembershipTableContract(TestDatabases.Sqlite);
