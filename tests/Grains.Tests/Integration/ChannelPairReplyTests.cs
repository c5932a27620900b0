using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.World;

namespace Cluster.Grains.Tests.Integration;

/// <summary>Replies keep their link: a source reply whose parent was republished becomes, in every destination, a reply to
/// the parent's copy there (through the pair's id map); with an unknown parent it is a plain message. In forward mode the
/// forward keeps its header and is no reply (Telegram cannot forward with the header as a reply).</summary>
[Trait("Category", "Cluster")]
public sealed class ChannelPairReplyTests
{
    private static PairConfiguration Pair(TestAccount account, SimChatInfo source, SimChatInfo[] destinations, ForwardMode mode = ForwardMode.Copy) => new()
    {
        AccountId = account.AccountId,
        SourceChat = "@" + source.Username,
        Destinations = destinations.Select(d => "@" + d.Username).ToList(),
        Mode = mode,
    };

    private static SimMessage Reply(ForwardingCluster cluster, long channelId, long parentId, string text)
        => cluster.World.PostToChannel(channelId, [new SimOutgoingMessage(text, ReplyToMessageId: parentId)])[0];

    [Fact]
    public async Task Copy_mode_makes_a_reply_a_reply_to_the_parents_copy_in_every_destination_texts_and_albums()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("replies");
        var (source, destinations) = cluster.AddChannels(account, "replies", destinations: 2);
        // A footer makes texts go through a send and albums through a copy with a new caption.
        await cluster.AddPairAsync("replies-pair", Pair(account, source, destinations) with { CaptionFooter = "(copied)" });
        // Each destination numbers its messages differently: the reply must name that destination's copy.
        cluster.World.PostToChannel(destinations[1].Id, "an older post of the second destination");

        var question = cluster.World.PostToChannel(source.Id, "question");
        var answer = Reply(cluster, source.Id, question.Id, "answer");
        cluster.World.PostToChannel(source.Id,
        [
            new SimOutgoingMessage("pictures", Media: cluster.World.UploadFile(SimMediaKind.Photo), ReplyToMessageId: answer.Id),
            new SimOutgoingMessage(null, Media: cluster.World.UploadFile(SimMediaKind.Photo), ReplyToMessageId: answer.Id),
        ], asAlbum: true);

        foreach (var destination in destinations)
        {
            static bool IsCopy(SimMessage m) => m.Text != "an older post of the second destination";
            var messages = (await Eventually.WaitAsync(() => cluster.Messages(destination.Id), m => m.Count(IsCopy) >= 4, $"four copies in {destination.Username}"))
                .Where(IsCopy).ToList();
            var (questionCopy, answerCopy, album) = (messages[0], messages[1], messages.Skip(2).ToList());
            Assert.Equal("question\n(copied)", questionCopy.Text);
            Assert.Null(questionCopy.ReplyToMessageId);
            Assert.Equal("answer\n(copied)", answerCopy.Text);
            Assert.Equal(questionCopy.Id, answerCopy.ReplyToMessageId);
            Assert.NotNull(album[0].MediaGroupId);
            Assert.All(album, m => Assert.Equal(album[0].MediaGroupId, m.MediaGroupId));
            Assert.All(album, m => Assert.Equal(answerCopy.Id, m.ReplyToMessageId));
            Assert.Equal("pictures\n(copied)", album[0].Text);
        }
    }

    [Fact]
    public async Task Copy_mode_without_transformation_copies_a_reply_as_a_reply()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("plain-replies");
        var (source, destinations) = cluster.AddChannels(account, "plainrep");
        await cluster.AddPairAsync("plainrep-pair", Pair(account, source, destinations));
        var dest = destinations[0].Id;

        var parent = cluster.World.PostToChannel(source.Id, "parent");
        Reply(cluster, source.Id, parent.Id, "child");

        var messages = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count >= 2, "both copies");
        Assert.Equal(["parent", "child"], messages.Select(m => m.Text));
        Assert.Equal(messages[0].Id, messages[1].ReplyToMessageId);
        Assert.All(messages, m => Assert.Null(m.ForwardOrigin));
    }

    [Fact]
    public async Task A_reply_to_a_parent_never_republished_arrives_as_a_plain_message()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("orphans");
        var (source, destinations) = cluster.AddChannels(account, "orphans");
        // Posted before the pair existed (a new pair does not backfill), and a parent the filter drops.
        var old = cluster.World.PostToChannel(source.Id, "before the pair");
        var pair = await cluster.AddPairAsync("orphans-pair", Pair(account, source, destinations) with
        {
            Filters = new PairFilters { BlockKeywords = ["casino"] },
        });
        var dest = destinations[0].Id;
        cluster.World.PostToChannel(destinations[0].Id, "a destination post with the parent's id range");

        var filtered = cluster.World.PostToChannel(source.Id, "casino ad");
        Reply(cluster, source.Id, old.Id, "reply to an old post");
        Reply(cluster, source.Id, filtered.Id, "reply to a filtered post");

        var messages = await Eventually.WaitAsync(() => cluster.Messages(dest).Where(m => m.CopiedFrom is not null).ToList(), m => m.Count >= 2, "both replies");
        Assert.Equal(["reply to an old post", "reply to a filtered post"], messages.Select(m => m.Text));
        Assert.All(messages, m => Assert.Null(m.ReplyToMessageId));
        var status = await Eventually.WaitAsync(pair.GetStatusAsync, s => s.Statistics.Forwarded == 2, "two forwarded");
        Assert.Equal(0, status.Statistics.Failed);
    }

    [Fact]
    public async Task A_reply_whose_parent_copy_was_deleted_arrives_as_a_plain_message()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("deleted-parents");
        var (source, destinations) = cluster.AddChannels(account, "delparent");
        var pair = await cluster.AddPairAsync("delparent-pair", Pair(account, source, destinations));
        var dest = destinations[0].Id;
        var mirrored = cluster.World.PostToChannel(source.Id, "deleted at the source");
        var removed = cluster.World.PostToChannel(source.Id, "deleted at the destination");
        var copies = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count == 2, "both parents copied");

        // One parent's deletion is mirrored (the pair forgets it); the other's copy is deleted by someone at the destination
        // (the pair still maps it, Telegram sends the reply without it).
        cluster.World.DeleteMessages(source.Id, [mirrored.Id]);
        await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count == 1, "the deletion mirrored");
        cluster.World.DeleteMessages(dest, [copies[1].Id]);
        Reply(cluster, source.Id, mirrored.Id, "reply to the mirrored deletion");
        Reply(cluster, source.Id, removed.Id, "reply to the removed copy");

        var messages = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count >= 2, "both replies");
        Assert.Equal(["reply to the mirrored deletion", "reply to the removed copy"], messages.Select(m => m.Text));
        Assert.All(messages, m => Assert.Null(m.ReplyToMessageId));
        var status = await Eventually.WaitAsync(pair.GetStatusAsync, s => s.Statistics.Forwarded == 4, "four forwarded");
        Assert.Equal(0, status.Statistics.Failed);
    }

    [Fact]
    public async Task Forward_mode_keeps_the_header_and_forwards_a_reply_without_the_link()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("fwd-replies");
        var (source, destinations) = cluster.AddChannels(account, "fwdrep");
        var pair = await cluster.AddPairAsync("fwdrep-pair", Pair(account, source, destinations, ForwardMode.Forward));
        var dest = destinations[0].Id;

        var parent = cluster.World.PostToChannel(source.Id, "parent");
        var child = Reply(cluster, source.Id, parent.Id, "child");

        var messages = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count >= 2, "both forwards");
        Assert.Equal(["parent", "child"], messages.Select(m => m.Text));
        // The header names the source post (where the reply is visible); Telegram cannot forward it as a reply.
        Assert.Equal((source.Id, child.Id), (messages[1].ForwardOrigin!.ChatId, messages[1].ForwardOrigin!.MessageId));
        Assert.All(messages, m => Assert.Null(m.ReplyToMessageId));
        var status = await Eventually.WaitAsync(pair.GetStatusAsync, s => s.Statistics.Forwarded == 2, "two forwarded");
        Assert.Equal(0, status.Statistics.Failed);
    }
}
