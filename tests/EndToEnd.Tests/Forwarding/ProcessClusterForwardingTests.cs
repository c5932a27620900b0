using Cluster.EndToEnd.Tests.Infrastructure;

namespace Cluster.EndToEnd.Tests.Forwarding;

/// <summary>The smallest end-to-end run: silo processes sharing one database and a simulator process, configured over
/// the cluster client. It proves the harness the failover tests build on.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ProcessClusterForwardingTests
{
    [Fact]
    public async Task A_pair_configured_through_the_cluster_client_copies_source_posts_to_its_destination_in_order()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2);
        var fleet = new ForwardingFleet(cluster);
        var account = await fleet.AddAccountAsync("smoke-account");
        var (source, destinations) = await fleet.AddChannelsAsync(account, "smoke");
        await fleet.AddPairAsync("smoke-pair", account, source, destinations);
        var expected = Enumerable.Range(1, 5).Select(i => $"smoke post {i}").ToList();

        foreach (var text in expected) await cluster.Simulator.PostAsync(source.Id, text);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<string?> texts = [];
        while (DateTime.UtcNow < deadline)
        {
            texts = (await cluster.Simulator.MessagesAsync(destinations[0].Id)).Where(m => !m.IsService).Select(m => m.Text).ToList();
            if (texts.Count >= expected.Count) break;
            await Task.Delay(200);
        }
        Assert.True(expected.SequenceEqual(texts),
            $"destination holds [{string.Join(" | ", texts)}], expected [{string.Join(" | ", expected)}]{Environment.NewLine}{cluster.Diagnostics()}");
    }
}
