using Cluster.Runtime.Invocation;
using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Core;

/// <summary>A silo refuses to start with settings or grain classes it could not run, naming what is wrong.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task A_silo_without_a_cluster_secret_does_not_start_and_names_Cluster_Secret()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var app = TestSilo.Build(database, new Dictionary<string, string?> { ["Cluster:Secret"] = null }, out _);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Cluster:Secret", error.Message);
    }

    [Fact]
    public async Task An_unknown_placement_strategy_stops_start_and_names_the_setting()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var app = TestSilo.Build(database, new Dictionary<string, string?> { ["Cluster:Placement:counter"] = "nearest" }, out _);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Cluster:Placement:counter", error.Message);
        Assert.Contains("nearest", error.Message);
    }

    [Fact]
    public async Task Placement_configured_per_grain_type_overrides_the_attribute()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database, new Dictionary<string, string?>
        {
            ["Cluster:Placement:counter"] = "resource-aware",
            ["Cluster:Placement:OverflowPollInterval"] = "00:00:00.100",
        });
        var registry = (Activation.GrainTypeRegistry)silo.Services.GetService(typeof(Activation.GrainTypeRegistry))!;

        var counter = registry.FindByName("counter")!.Info;

        Assert.Equal(PlacementStrategies.ResourceAware, counter.PlacementStrategy);
        Assert.Equal(PlacementStrategies.PreferLocal, registry.FindByName("fenced")!.Info.PlacementStrategy);
        Assert.Equal(PlacementStrategies.Random, registry.FindByName("faulty")!.Info.PlacementStrategy);
    }

    [Fact]
    public void An_overloaded_grain_method_is_refused_with_its_name()
    {
        var interfaces = new GrainInterfaceCache(new GrainSerializer([new GrainJsonContextRegistration(CoreTestJsonContext.Default)]));

        var error = Assert.Throws<GrainCallException>(() => interfaces.Get(typeof(IOverloadedGrain)));

        Assert.Contains($"{typeof(IOverloadedGrain).FullName}.SetAsync", error.Message);
        Assert.Contains("overloaded", error.Message);
    }

    [Fact]
    public void A_grain_method_whose_types_no_json_context_knows_is_refused_naming_the_type()
    {
        var interfaces = new GrainInterfaceCache(new GrainSerializer([]));

        var error = Assert.Throws<GrainCallException>(() => interfaces.Get(typeof(IUnregisteredTypeGrain)));

        Assert.Contains(typeof(CounterState).FullName!, error.Message);
        Assert.Contains("AddGrainJsonContext", error.Message);
    }
}
