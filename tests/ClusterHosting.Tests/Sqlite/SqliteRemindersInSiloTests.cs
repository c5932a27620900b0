using Cluster.Hosting.Storage.Sqlite;
using Cluster.Hosting.Tests.Sqlite.Support;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Cluster.Hosting.Tests.Sqlite;

public sealed class SqliteRemindersInSiloTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_reminder_fires_and_stops_once_unregistered()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        await using var silo = await SqliteSilo.StartAsync(database.ConnectionString);
        var key = $"fires-{Guid.NewGuid():N}";
        var probe = silo.Grains.GetGrain<IReminderProbeGrain>(key);

        await probe.RegisterAsync("tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM cluster_reminders"));
        Assert.True(await ReminderTicks.WaitForMoreThanAsync($"{key}/tick", 1, Patience) >= 2, "the reminder did not tick twice");

        await probe.UnregisterAsync("tick");
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM cluster_reminders"));
        await Task.Delay(TimeSpan.FromSeconds(1)); // a tick already under way may still land
        var afterUnregister = ReminderTicks.Count($"{key}/tick");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(afterUnregister, ReminderTicks.Count($"{key}/tick"));
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        var key = $"restart-{Guid.NewGuid():N}";

        await using (var silo = await SqliteSilo.StartAsync(database.ConnectionString))
        {
            await silo.Grains.GetGrain<IReminderProbeGrain>(key).RegisterAsync("tick", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));
        }
        var beforeRestart = ReminderTicks.Count($"{key}/tick");

        await using (var silo = await SqliteSilo.StartAsync(database.ConnectionString))
        {
            Assert.True(await ReminderTicks.WaitForMoreThanAsync($"{key}/tick", beforeRestart, Patience) > beforeRestart,
                "the reminder did not fire on the restarted silo");

            var table = new SqliteReminderTable(
                Options.Create(new ClusterOptions { ServiceId = SqliteSilo.ServiceId }),
                Options.Create(new SqliteReminderOptions { ConnectionString = database.ConnectionString }));
            var row = await table.ReadRow(silo.Grains.GetGrain<IReminderProbeGrain>(key).GetGrainId(), "tick");
            Assert.NotNull(row);
            Assert.Equal(TimeSpan.FromSeconds(2), row.Period);
        }
    }
}
