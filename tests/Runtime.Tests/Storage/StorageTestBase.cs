using Cluster.Runtime.Storage;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>Gives each storage test a fresh migrated database of one provider; the contract classes derive from
/// it and run once per provider through a SQLite and a PostgreSQL subclass.</summary>
public abstract class StorageTestBase(string provider) : IAsyncLifetime
{
    protected static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(30);
    protected static readonly CancellationToken None = CancellationToken.None;

    protected string Provider { get; } = provider;
    protected TestDatabase Database { get; private set; } = null!;
    protected IClusterStorage Storage => Database.Storage;

    /// <summary>Whether this test creates its own database in the test body (e.g. an unmigrated one).</summary>
    protected virtual bool CreatesOwnDatabase => false;

    public async Task InitializeAsync()
    {
        if (!CreatesOwnDatabase)
        {
            Database = await TestDatabases.CreateAsync(Provider);
        }
    }

    public async Task DisposeAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    protected async Task RegisterAsync(params string[] siloIds)
    {
        foreach (var siloId in siloIds)
        {
            await Storage.Membership.RegisterAsync(siloId, $"http://{siloId}:5000", siloId, None);
        }
    }
}
