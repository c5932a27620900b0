using Cluster.Runtime.Storage;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>What schema migration promises on every provider: idempotent, and safe when silos start together.</summary>
public abstract class MigrationContract(string provider) : StorageTestBase(provider)
{
    protected override bool CreatesOwnDatabase => true;

    [Fact]
    public async Task Migrating_again_changes_nothing_and_keeps_the_data()
    {
        await using var database = await TestDatabases.CreateAsync(Provider);
        await database.Storage.AlwaysOn.AddAsync("bot/7", "Bot", None);

        await database.Storage.MigrateAsync(None);
        await database.CreateStorage().MigrateAsync(None);

        Assert.Equal([new AlwaysOnEntry("bot/7", "Bot")], await database.Storage.AlwaysOn.ListAsync(None));
    }

    [Fact]
    public async Task Silos_migrating_an_empty_database_at_the_same_time_all_succeed()
    {
        await using var database = await TestDatabases.CreateAsync(Provider, migrate: false);
        var storages = Enumerable.Range(0, 4).Select(_ => database.CreateStorage()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var migrations = storages.Select(storage => Task.Run(async () =>
        {
            await start.Task;
            await storage.MigrateAsync(None);
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(migrations);

        await storages[0].Membership.RegisterAsync("silo-1", "http://silo-1:5000", "host", None);
        var claim = await storages[1].Directory.TryClaimAsync("account/1", "Account", "silo-1", "http://silo-1:5000", DeathTimeout, None);
        Assert.True(claim.Granted);
        await storages[2].PingAsync(None);
    }
}
