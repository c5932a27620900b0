using System.Text.Json;
using Cluster.Runtime.Management;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Cluster.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Management;

public sealed class ClusterManagementTests
{
    [Fact]
    public async Task Activations_and_call_stats_are_read_cluster_wide_from_the_published_loads()
    {
        var storage = new InMemoryClusterStorage();
        await storage.Membership.RegisterAsync("a", "http://a:1", "a", CancellationToken.None);
        await storage.Membership.RegisterAsync("b", "http://b:1", "b", CancellationToken.None);
        Publish(storage, "a", new Dictionary<string, int> { ["acct"] = 3, ["bot"] = 1 }, new MethodCallStats("", "acct", "Send", 10, 1, 2.5, 9));
        Publish(storage, "b", new Dictionary<string, int> { ["acct"] = 2 });
        await storage.Directory.TryClaimAsync("acct/1", "acct", "b", "http://b:1", TimeSpan.FromSeconds(3), CancellationToken.None);
        storage.SetState("acct/1", "main", "{\"n\":1}");
        await storage.Reminders.UpsertAsync(new GrainReminder("acct/1", "daily", DateTimeOffset.UtcNow, TimeSpan.FromDays(1)), CancellationToken.None);
        var management = new ClusterManagement(storage, Options.Create(new MembershipOptions()), new ServiceCollection().BuildServiceProvider());

        Assert.Equal(2, (await management.GetSilosAsync()).Count(s => s.Status == SiloStatus.Active));
        Assert.Equal(4, (await management.GetSilosAsync()).Single(s => s.SiloId == "a").Load.Activations);
        var counts = await management.GetActivationCountsAsync();
        Assert.Equal([new ActivationCount("acct", "a", 3), new ActivationCount("acct", "b", 2), new ActivationCount("bot", "a", 1)], counts);
        var stats = Assert.Single(await management.GetCallStatsAsync());
        Assert.Equal(("a", "Send", 10L), (stats.SiloId, stats.Method, stats.Calls));
        var location = await management.LocateAsync(new GrainId("acct", "1"));
        Assert.Equal("b", location?.SiloId);
        Assert.Null(await management.LocateAsync(new GrainId("acct", "2")));
        var details = await management.GetGrainDetailsAsync(new GrainId("acct", "1"));
        Assert.Equal("daily", Assert.Single(details.Reminders).Name);
        Assert.Equal("{\"n\":1}", details.StatesJson["main"]);

        // A dead owner means the grain is active nowhere.
        await storage.Membership.SetStatusAsync("b", SiloStatus.Dead, CancellationToken.None);
        Assert.Null(await management.LocateAsync(new GrainId("acct", "1")));
        Assert.DoesNotContain(await management.GetActivationCountsAsync(), c => c.SiloId == "b");
    }

    private static void Publish(InMemoryClusterStorage storage, string siloId, Dictionary<string, int> byType, params MethodCallStats[] stats)
    {
        var load = PublishedLoad.Empty with { Activations = byType.Values.Sum(), ActivationsByType = byType, CallStats = stats };
        storage.SetLoad(siloId, JsonSerializer.Serialize(load, MembershipJsonContext.Default.PublishedLoad));
    }
}

public sealed class PublishedLoadParsingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"activations\":3}")]
    [InlineData("not json")]
    public void A_row_without_a_full_load_reads_as_empty_collections(string json)
    {
        var load = SiloMembershipService.ParseLoad(json);
        Assert.NotNull(load.ResourcesUsed);
        Assert.NotNull(load.ResourceCapacity);
        Assert.NotNull(load.ActivationsByType);
        Assert.NotNull(load.CallStats);
    }
}
