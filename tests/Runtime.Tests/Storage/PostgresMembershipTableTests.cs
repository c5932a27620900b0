using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>The membership table contract on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresMembershipTableTests() : MembershipTableContract(TestDatabases.Postgres);
