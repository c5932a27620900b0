using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Tests.Guard;

namespace Cluster.Grains.Tests.Admin;

/// <summary>/groups: protected groups list themselves in the guard registry with their channels and counts of muted and
/// verified members, and leave it when unprotected.</summary>
public sealed class GuardRegistryTests(GuardCluster cluster) : IClassFixture<GuardCluster>
{
    private IGuardRegistryGrain Registry => cluster.Grains.GetGrain<IGuardRegistryGrain>(IGuardRegistryGrain.Key);

    private async Task<ProtectedGroupSummary?> ListedAsync(long groupId) => (await Registry.ListGroupsAsync()).SingleOrDefault(g => g.GroupId == groupId);

    [Fact]
    public async Task A_protected_group_is_listed_with_its_channels_and_counts_and_unlisted_when_unprotected()
    {
        var (group, owner, channels) = await cluster.ProtectedGroupAsync("listedgroup", channels: 2);
        // The status turns on inside the /protect turn; the registry is told at the end of that turn.
        await GuardCluster.Eventually(async () => await ListedAsync(group.Id) is not null, "the group listed");
        var listed = (await ListedAsync(group.Id))!;
        Assert.Equal([channels[0].Id, channels[1].Id], listed.Channels.Select(c => c.ChannelId));
        Assert.Equal("listedgroup", listed.Title);
        Assert.Equal(0, listed.MutedMembers);

        var reader = cluster.World.CreateUser("Subscribed reader");
        cluster.World.AddMember(channels[0].Id, reader.Id);
        cluster.World.AddMember(channels[1].Id, reader.Id);
        cluster.World.AddMember(group.Id, reader.Id);
        var stranger = cluster.World.CreateUser("Stranger");
        cluster.World.AddMember(group.Id, stranger.Id);
        await GuardCluster.Eventually(async () => await ListedAsync(group.Id) is { MutedMembers: 1, VerifiedMembers: 1 }, "one muted and one verified member listed");

        cluster.World.SendAsUser(owner.Id, group.Id, "/unprotect");
        await GuardCluster.Eventually(async () => await ListedAsync(group.Id) is null, "the group unlisted");
    }
}
