using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Tests.Support;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Admin;

/// <summary>The audit log on an in-process Orleans cluster: entries in order, newest first when listed, capped with the oldest dropped,
/// kept across a silo restart, secrets masked.</summary>
[Trait("Category", "Cluster")]
public sealed class AuditLogGrainTests
{
    [Fact]
    public async Task Entries_are_listed_newest_first_and_the_oldest_are_dropped_past_the_cap_also_after_a_restart()
    {
        await using var cluster = await ForwardingCluster.StartAsync(silos: 0);
        cluster.Settings["Cluster:Admin:AuditLogCapacity"] = "5";
        await cluster.StartSiloAsync();
        var log = cluster.Grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key);

        for (var i = 1; i <= 8; i++)
            await log.AppendAsync(new AuditEntry { AdminUserId = 77, Command = "stop_worker", Arguments = $"worker-{i}", Ok = i % 2 == 0, Message = i % 2 == 0 ? null : "no such worker" });

        await cluster.StopSiloAsync(cluster.Silos[0]);
        var restarted = await cluster.StartSiloAsync();
        var recent = await restarted.Grains().GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).ListRecentAsync(100);

        Assert.Equal([8L, 7L, 6L, 5L, 4L], recent.Select(e => e.Sequence));
        Assert.Equal(["worker-8", "worker-7", "worker-6", "worker-5", "worker-4"], recent.Select(e => e.Arguments));
        Assert.True(recent[0].Ok);
        Assert.False(recent[1].Ok);
        Assert.Equal("no such worker", recent[1].Message);
        Assert.All(recent, e => Assert.NotEqual(default, e.At));
        Assert.Equal([8L, 7L], (await restarted.Grains().GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).ListRecentAsync(2)).Select(e => e.Sequence));

        var next = await restarted.Grains().GetGrain<IAuditLogGrain>(IAuditLogGrain.Key)
            .AppendAsync(new AuditEntry { AdminUserId = 77, Command = "start_worker", Arguments = "worker-9", Ok = true });
        Assert.Equal(9, next.Sequence);
    }

    [Fact]
    public async Task Api_hashes_and_phone_numbers_that_slip_into_arguments_are_masked()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var log = cluster.Grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key);

        var stored = await log.AppendAsync(new AuditEntry
        {
            AdminUserId = 5,
            Command = "add_worker",
            Arguments = "worker-1 12345 0123456789abcdef0123456789abcdef +15551234567",
            Ok = true,
        });

        Assert.DoesNotContain("0123456789abcdef0123456789abcdef", stored.Arguments);
        Assert.DoesNotContain("5551234567", stored.Arguments);
        Assert.StartsWith("worker-1 12345 ***", stored.Arguments);
        Assert.Equal(stored, Assert.Single(await log.ListRecentAsync(10)));
    }
}
