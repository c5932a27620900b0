using System.Reflection;
using System.Text.Json;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Pairs;
using Cluster.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Cluster.Grains.Tests.Serialization;

/// <summary>When Orleans migrates an activation (a graceful stop hands grains over, the rebalancer moves accounts), its
/// persistent state travels through Orleans' serializer as <c>GrainState&lt;T&gt;</c>. Our state types are JSON, not
/// <c>[GenerateSerializer]</c>: a silo's serializer must still carry every one of them, unchanged (through the JSON codec
/// over the registered state contexts).</summary>
[Trait("Category", "Cluster")]
public sealed class StateMigrationSerializationTests
{
    /// <summary>Every <c>T</c> of an <c>IPersistentState&lt;T&gt;</c> a grain of the product takes.</summary>
    private static IEnumerable<Type> StateTypes() => typeof(ChannelPairGrain).Assembly.GetTypes()
        .Where(t => typeof(Grain).IsAssignableFrom(t))
        .SelectMany(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        .SelectMany(c => c.GetParameters())
        .Select(p => p.ParameterType)
        .Where(p => p.IsGenericType && p.GetGenericTypeDefinition() == typeof(IPersistentState<>))
        .Select(p => p.GetGenericArguments()[0])
        .Distinct();

    [Fact]
    public async Task A_silos_serializer_carries_every_grain_state_type_and_a_live_pairs_state_unchanged()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var services = cluster.Cluster.Silos[0].ServiceProvider;
        var serializer = services.GetRequiredService<Serializer>();
        var json = services.GetRequiredService<IOptions<JsonCodecOptions>>().Value.SerializerOptions;

        var types = StateTypes().ToList();
        Assert.Contains(typeof(ChannelPairState), types);
        Assert.True(types.Count >= 10, $"only {types.Count} state types found: {string.Join(", ", types.Select(t => t.Name))}");
        foreach (var type in types)
        {
            var state = Activator.CreateInstance(type)!;
            var grainState = Activator.CreateInstance(typeof(GrainState<>).MakeGenericType(type), state, "etag-1")!;
            var copy = serializer.Deserialize<object>(serializer.SerializeToArray<object>(grainState))!;
            Assert.Equal(JsonSerializer.Serialize(state, type, json), JsonSerializer.Serialize(copy.GetType().GetProperty("State")!.GetValue(copy), type, json));
        }

        // A pair's state after real traffic: queue checkpoint, id map and statistics survive the trip.
        var account = await cluster.AddLoggedInAccountAsync("migrating");
        var (source, destinations) = cluster.AddChannels(account, "migrating");
        await cluster.AddPairAsync("migrating-pair", new PairConfiguration
        {
            AccountId = account.AccountId,
            SourceChat = "@" + source.Username,
            Destinations = destinations.Select(d => "@" + d.Username).ToList(),
        });
        for (var i = 0; i < 3; i++) cluster.World.PostToChannel(source.Id, $"post {i}");
        await Eventually.WaitAsync(() => cluster.Texts(destinations[0].Id), t => t.Count == 3, "three posts forwarded");
        var pairGrain = cluster.Cluster.Client.GetGrain<IChannelPairGrain>("migrating-pair");
        await Eventually.WaitAsync(() => Task.FromResult(cluster.Cluster.ReadState<ChannelPairState>("pair", pairGrain.GetGrainId())),
            s => s?.Statistics.Forwarded == 3, "the pair's state stored with three forwarded");
        var stored = cluster.Cluster.ReadState<ChannelPairState>("pair", pairGrain.GetGrainId())!;
        var travelled = serializer.Deserialize<GrainState<ChannelPairState>>(serializer.SerializeToArray(new GrainState<ChannelPairState>(stored, "etag-2")));
        Assert.NotNull(travelled);
        Assert.Equal("etag-2", travelled.ETag);
        Assert.Equal(JsonSerializer.Serialize(stored, json), JsonSerializer.Serialize(travelled.State, json));
        Assert.Equal(3, travelled.State!.Statistics.Forwarded);
    }
}
