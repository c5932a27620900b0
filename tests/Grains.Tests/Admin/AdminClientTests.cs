using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Tests.Support;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Admin;

/// <summary>The admin grains and the account's location as the AdminBot sees them: through a cluster client (Orleans' client
/// of the test cluster, in its own host, finding the gateways in the membership table), calls carried by Orleans' serializer.</summary>
[Trait("Category", "Cluster")]
public sealed class AdminClientTests
{
    [Fact]
    public async Task A_client_sees_the_silo_of_an_account_and_its_new_silo_after_the_first_one_stopped()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        await cluster.AddLoggedInAccountAsync("located");
        await cluster.StartSiloAsync();
        var client = cluster.Cluster.Client;
        var id = GrainId.Create("account", "located");

        var first = await cluster.Cluster.LocateAsync(id);
        Assert.NotNull(first);
        await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(first)));

        // Nobody calls the account: the keeper brings it back on the remaining silo, and the client's view follows.
        var after = await Eventually.WaitAsync<SiloAddress?>(() => cluster.Cluster.LocateAsync(id), l => l is not null && !l.Equals(first), "the account on another silo");
        Assert.Equal(cluster.Silos.Single().SiloAddress, after);
        var status = await Eventually.WaitAsync(() => client.GetGrain<IAccountGrain>("located").GetStatusAsync(), s => s.State == AccountState.Active, "the account active again");
        Assert.Equal(12345, status.ApiId);
    }

    [Fact]
    public async Task A_client_keeps_a_conversation_and_writes_the_audit_log()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var grains = cluster.Cluster.Client;

        await grains.GetGrain<IAdminSessionGrain>("501").SaveAsync(new AdminConversation
        {
            Command = "add_pair",
            Step = "destinations",
            Fields = new Dictionary<string, string> { ["source"] = "@news" },
        });
        await grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).AppendAsync(new AuditEntry { AdminUserId = 501, Command = "pause_pair", Arguments = "p1", Ok = true });

        Assert.Equal("@news", (await grains.GetGrain<IAdminSessionGrain>("501").GetAsync())!.Fields["source"]);
        var entry = Assert.Single(await grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).ListRecentAsync(5));
        Assert.Equal("pause_pair", entry.Command);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => grains.GetGrain<IAdminSessionGrain>("501").SaveAsync(new AdminConversation
        {
            Command = "add_worker",
            Step = "password",
            Secrets = new Dictionary<string, string> { ["password"] = "x" },
        }));
        Assert.Contains("password", refused.Message);
    }

    [Fact]
    public async Task A_client_reaches_the_cluster_again_after_its_only_silo_restarted()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var log = cluster.Cluster.Client.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key);
        await log.AppendAsync(new AuditEntry { AdminUserId = 502, Command = "stop_worker", Arguments = "w1", Ok = true });

        await cluster.Cluster.RestartSiloAsync(cluster.Silos.Single());

        var entry = Assert.Single(await log.ListRecentAsync(5));
        Assert.Equal("stop_worker", entry.Command);
    }
}
