using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;
using Orleans.TestingHost;

namespace Cluster.Grains.Tests.Integration;

/// <summary>A send in doubt is resolved, not forgotten: the silo dies after Telegram made the copy and before the pair
/// recorded it (the simulator holds the send's answer, the silo is killed meanwhile, its storage refusing writes from then
/// on). The next activation looks for the copy at the destination before sending again: a found copy is recorded in the id
/// map (later deletions and edits reach it) and deleted when its source was deleted meanwhile.</summary>
[Trait("Category", "Cluster")]
public sealed class ChannelPairInDoubtTests
{
    private static PairConfiguration Pair(TestAccount account, SimChatInfo source, SimChatInfo destination, ForwardMode mode) => new()
    {
        AccountId = account.AccountId,
        SourceChat = "@" + source.Username,
        Destinations = ["@" + destination.Username],
        Mode = mode,
        // In copy mode a footer makes the copy's text differ from the source's: the copy is found by what was sent.
        CaptionFooter = mode == ForwardMode.Copy ? "(copied)" : null,
    };

    /// <summary>Posts <paramref name="text"/> and kills the pair's silo once its copy is at the destination and the
    /// answer to the send (operation <paramref name="operation"/>) is still held; returns the source post and a new silo.</summary>
    private static async Task<(SimMessage Post, InProcessSiloHandle Silo)> CrashAfterTheSendAsync(ForwardingCluster cluster, TestAccount account, long source, long destination, string text, string operation, Action? whileDown = null)
    {
        var before = cluster.Messages(destination).Count;
        var held = cluster.Simulator.Faults.Add(new SimFaultRule(SimFaultKind.SlowAnswer, SimClientKind.Account, account.UserId, operation, Count: 1, Delay: TimeSpan.FromSeconds(10)));
        var post = cluster.World.PostToChannel(source, text);
        await Eventually.WaitAsync(() => cluster.Messages(destination), m => m.Count == before + 1, "the copy made, its answer held");
        await cluster.Cluster.KillSiloAsync(cluster.Silos[0]);
        cluster.Simulator.Faults.Remove(held);
        whileDown?.Invoke();
        return (post, await cluster.StartSiloAsync());
    }

    [Fact]
    public async Task A_copy_made_before_the_crash_is_found_and_deleted_when_its_source_was_deleted_meanwhile()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("doubt-deleted");
        var (source, destinations) = cluster.AddChannels(account, "doubtdel");
        var dest = destinations[0].Id;
        await cluster.AddPairAsync("doubtdel-pair", Pair(account, source, destinations[0], ForwardMode.Copy));
        cluster.World.PostToChannel(source.Id, "doomed");
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count == 1, "a first copy, the same text");

        var (post, silo) = await CrashAfterTheSendAsync(cluster, account, source.Id, dest, "doomed", "send",
            whileDown: () => cluster.World.DeleteMessages(source.Id, [cluster.World.GetMessages(source.Id).Last().Id]));
        Assert.True(cluster.World.GetMessage(source.Id, post.Id)!.IsDeleted);

        // The copy made before the crash (not the older one with the same text) is found and deleted; nothing is resent.
        var remaining = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count == 1, "the orphan copy deleted", TimeSpan.FromSeconds(60));
        Assert.Equal("doomed\n(copied)", remaining[0].Text);
        Assert.Equal(2, cluster.Messages(dest, includeDeleted: true).Count);
        cluster.World.PostToChannel(source.Id, "after");
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count == 2, "the next post");
        Assert.Equal(["doomed\n(copied)", "after\n(copied)"], cluster.Texts(dest));
        var status = await silo.Grains().GetGrain<IChannelPairGrain>("doubtdel-pair").GetStatusAsync();
        Assert.Equal(0, status.Statistics.PossibleDuplicates);
    }

    [Fact]
    public async Task A_copy_made_before_the_crash_is_recorded_once_and_later_edits_reach_it()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("doubt-kept");
        var (source, destinations) = cluster.AddChannels(account, "doubtkept");
        var dest = destinations[0].Id;
        await cluster.AddPairAsync("doubtkept-pair", Pair(account, source, destinations[0], ForwardMode.Copy));

        var (post, silo) = await CrashAfterTheSendAsync(cluster, account, source.Id, dest, "kept", "send");

        cluster.World.PostToChannel(source.Id, "after");
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count >= 2, "the next post", TimeSpan.FromSeconds(60));
        cluster.World.EditChannelPost(source.Id, post.Id, "kept, edited");
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Contains("kept, edited\n(copied)"), "the edit mirrored to the found copy");
        Assert.Equal(["kept, edited\n(copied)", "after\n(copied)"], cluster.Texts(dest));
        var status = await silo.Grains().GetGrain<IChannelPairGrain>("doubtkept-pair").GetStatusAsync();
        Assert.Equal(0, status.Statistics.PossibleDuplicates);
        Assert.Equal(2, status.Statistics.Forwarded);
    }

    [Fact]
    public async Task A_forward_made_before_the_crash_is_found_by_its_header_and_a_later_deletion_reaches_it()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("doubt-forward");
        var (source, destinations) = cluster.AddChannels(account, "doubtfwd");
        var dest = destinations[0].Id;
        await cluster.AddPairAsync("doubtfwd-pair", Pair(account, source, destinations[0], ForwardMode.Forward));

        var (post, _) = await CrashAfterTheSendAsync(cluster, account, source.Id, dest, "forwarded", "forward");

        cluster.World.PostToChannel(source.Id, "after");
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count >= 2, "the next post", TimeSpan.FromSeconds(60));
        Assert.Equal(["forwarded", "after"], cluster.Texts(dest));
        cluster.World.DeleteMessages(source.Id, [post.Id]);
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count == 1, "the deletion mirrored to the found forward");
        Assert.Equal(["after"], cluster.Texts(dest));
    }
}
