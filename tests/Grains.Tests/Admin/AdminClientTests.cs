using Cluster.Grains.Abstractions;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Tests.Support;
using Cluster.Runtime;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Grains.Tests.Admin;

/// <summary>The admin grains and the account's location as the AdminBot sees them: through a cluster client (gateways and
/// management read from the cluster database), with only the abstractions' JSON context.</summary>
[Trait("Category", "Cluster")]
public sealed class AdminClientTests
{
    private static ServiceProvider Client(ForwardingCluster cluster)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = GrainTestSilo.Secret,
            ["Cluster:GatewayRefreshInterval"] = "00:00:01",
            ["Cluster:MaxAttempts"] = "20",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddClusterStorage(o =>
        {
            o.Provider = ClusterStorageProvider.Sqlite;
            o.ConnectionString = $"Data Source={cluster.DatabaseFile}";
        });
        services.AddClusterClient(configuration);
        services.AddClusterManagement(configuration);
        services.AddGrainJsonContext(GrainsJsonContext.Default);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_client_sees_the_silo_of_an_account_and_its_new_silo_after_the_first_one_stopped()
    {
        await using var cluster = await ForwardingCluster.StartAsync(silos: 0);
        var capacity = new Dictionary<string, string?> { ["Cluster:Resources:Capacity:sessions"] = "1" };
        var a = await cluster.StartSiloAsync(capacity);
        await cluster.AddLoggedInAccountAsync("located", grains: a.GrainFactory);
        var b = await cluster.StartSiloAsync(capacity);
        await using var client = Client(cluster);
        var grains = client.GetRequiredService<IGrainFactory>();
        var management = client.GetRequiredService<IClusterManagement>();
        var id = new GrainId("account", "located");

        var before = await management.LocateAsync(id);
        Assert.NotNull(before);
        var first = before.SiloId;
        await cluster.StopSiloAsync(cluster.Silos.Single(s => s.Services.GetRequiredService<ISiloMembership>().LocalSiloId == first));

        // Nobody calls the account: the keeper brings it back on the remaining silo, and the client's view follows.
        var after = await Eventually.WaitAsync(() => management.LocateAsync(id), l => l is not null && l.SiloId != first, "the account on another silo");
        Assert.Equal(cluster.Silos.Single().Services.GetRequiredService<ISiloMembership>().LocalSiloId, after!.SiloId);
        var status = await Eventually.WaitAsync(() => grains.GetGrain<IAccountGrain>("located").GetStatusAsync(), s => s.State == AccountState.Active, "the account active again");
        Assert.Equal(12345, status.ApiId);
    }

    [Fact]
    public async Task A_client_keeps_a_conversation_and_writes_the_audit_log()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        await using var client = Client(cluster);
        var grains = client.GetRequiredService<IGrainFactory>();

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
}
