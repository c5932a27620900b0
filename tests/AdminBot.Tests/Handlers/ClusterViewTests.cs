using Cluster.AdminBot.Fleet;

namespace Cluster.AdminBot.Tests.Handlers;

/// <summary>How /silos names the grain classes Orleans counts (assembly-qualified class names).</summary>
public sealed class ClusterViewTests
{
    [Theory]
    [InlineData("Cluster.Grains.Accounts.AccountGrain, Cluster.Grains", "account")]
    [InlineData("Cluster.Grains.Pairs.ChannelPairGrain,Cluster.Grains", "channel-pair")]
    [InlineData("Cluster.Grains.Registry.FleetRegistryGrain", "fleet-registry")]
    [InlineData("Cluster.Grains.Admin.AdminSessionGrain`1[[System.String, System.Private.CoreLib]], Cluster.Grains", "admin-session")]
    [InlineData("Grain", "grain")]
    public void A_grain_class_is_named_in_kebab_case_without_namespace_assembly_or_Grain(string grainClass, string expected)
        => Assert.Equal(expected, ClusterView.GrainTypeName(grainClass));

    [Fact]
    public void Orleans_own_grains_are_told_apart()
    {
        Assert.True(ClusterView.IsOrleansInternal("Orleans.Runtime.Management.ManagementGrain, Orleans.Runtime"));
        Assert.False(ClusterView.IsOrleansInternal("Cluster.Grains.Accounts.AccountGrain, Cluster.Grains"));
    }
}
