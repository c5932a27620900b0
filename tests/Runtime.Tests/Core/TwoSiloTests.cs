using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Core;

/// <summary>Two silos in the test process over loopback HTTP/2, sharing one SQLite database: directory routing,
/// resuming from storage on another silo, and clients through gateways.</summary>
public sealed class TwoSiloTests
{
    [Fact]
    public async Task A_call_from_another_silo_reaches_the_single_activation_where_it_lives()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var a = await TestSilo.StartAsync(database);
        await using var b = await TestSilo.StartAsync(database);
        await a.Membership.RefreshAsync(CancellationToken.None);

        Assert.Equal(1, await a.GrainFactory.GetGrain<ICounterGrain>("shared").IncrementAsync());
        Assert.Equal(2, await b.GrainFactory.GetGrain<ICounterGrain>("shared").IncrementAsync());

        Assert.Equal(a.SiloId, await b.GrainFactory.GetGrain<ICounterGrain>("shared").GetSiloAsync());
        Assert.Equal(0, b.Catalog.Count);
    }

    [Fact]
    public Task A_grain_resumes_from_storage_on_another_silo() => GrainResumesOnAnotherSilo(TestDatabases.Sqlite);

    internal static async Task GrainResumesOnAnotherSilo(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var a = await TestSilo.StartAsync(database);
        await using var b = await TestSilo.StartAsync(database);
        for (var i = 0; i < 3; i++) await a.GrainFactory.GetGrain<ICounterGrain>("moving").IncrementAsync();

        await a.StopAsync();

        var counter = b.GrainFactory.GetGrain<ICounterGrain>("moving");
        Assert.Equal(4, await counter.IncrementAsync());
        Assert.Equal(b.SiloId, await counter.GetSiloAsync());
        Assert.Equal([a.SiloId, b.SiloId], await counter.GetActivationSilosAsync());
    }

    [Fact]
    public async Task A_client_finds_gateways_in_the_membership_table_and_reaches_grains_on_any_silo()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var a = await TestSilo.StartAsync(database);
        await using var b = await TestSilo.StartAsync(database);
        await a.GrainFactory.GetGrain<ICounterGrain>("on-a").IncrementAsync();
        await b.GrainFactory.GetGrain<ICounterGrain>("on-b").IncrementAsync();
        var (client, services) = TestClients.Create(database);
        await using var _ = services;

        Assert.Equal(new[] { a.Address, b.Address }.Order(), (await client.GetGatewaysAsync()).Order());
        for (var i = 0; i < 4; i++)
        {
            await client.GetGrain<ICounterGrain>("on-a").IncrementAsync();
            await client.GetGrain<ICounterGrain>("on-b").IncrementAsync();
        }

        Assert.Equal(5, await client.GetGrain<ICounterGrain>("on-a").GetAsync());
        Assert.Equal(5, await client.GetGrain<ICounterGrain>("on-b").GetAsync());
        Assert.Equal(a.SiloId, await client.GetGrain<ICounterGrain>("on-a").GetSiloAsync());
        Assert.Equal(b.SiloId, await client.GetGrain<ICounterGrain>("on-b").GetSiloAsync());
    }

    [Fact]
    public async Task A_client_moves_to_another_gateway_when_one_refuses_connections()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var (client, services) = TestClients.Create(database, "http://127.0.0.1:1", silo.Address);
        await using var _ = services;

        for (var i = 0; i < 6; i++) Assert.Equal("pong", await client.GetGrain<IFaultyGrain>($"g{i}").PingAsync());
    }
}
