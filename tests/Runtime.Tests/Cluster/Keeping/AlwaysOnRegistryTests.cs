using Cluster.Runtime.Activation;
using Cluster.Runtime.Keeping;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Tests.Cluster.Fakes;

namespace Cluster.Runtime.Tests.Cluster.Keeping;

public sealed class AlwaysOnRegistryTests
{
    public interface IAccountLike : IGrainWithStringKey;
    public interface IUnhosted : IGrainWithStringKey;

    private sealed class Lookup : IGrainTypeLookup
    {
        public GrainTypeInfo? FindByInterface(Type grainInterface) =>
            grainInterface == typeof(IAccountLike) ? new GrainTypeInfo("acct", typeof(object), [typeof(IAccountLike)], PlacementStrategies.Random, null, 0) : null;
        public GrainTypeInfo? FindByName(string grainType) => null;
    }

    [Fact]
    public async Task Registered_grains_are_stored_by_grain_type_and_key_and_can_be_removed()
    {
        var storage = new InMemoryClusterStorage();
        var registry = new AlwaysOnRegistry(storage, new Lookup());
        await registry.AddAsync<IAccountLike>("+100");
        await registry.AddAsync<IAccountLike>("+200");
        await registry.RemoveAsync<IAccountLike>("+100");
        Assert.Equal([new GrainId("acct", "+200")], await registry.ListAsync());
        Assert.Equal("acct", Assert.Single(await storage.AlwaysOn.ListAsync(CancellationToken.None)).GrainType);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => registry.AddAsync<IUnhosted>("x"));
        Assert.Contains(typeof(IUnhosted).FullName!, error.Message);
    }
}
