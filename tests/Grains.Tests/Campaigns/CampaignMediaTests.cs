using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Campaigns;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.World;

namespace Cluster.Grains.Tests.Campaigns;

/// <summary>Campaigns that send media: each recipient gets a copy of a post (a photo, an album) with the variant's caption or
/// the post's own, a post that is not there is refused at creation, a post deleted mid-campaign pauses it with the reason,
/// and a copy in doubt after a crash is found in the dialog and not sent again.</summary>
[Trait("Category", "Cluster")]
public sealed class CampaignMediaTests
{
    private static CampaignDefinition Copying(PostReference post, IEnumerable<TestAccount> accounts, params string[] captions)
        => CampaignTestWorld.Definition("unused", accounts) with
        {
            Name = "media " + post,
            Message = new CampaignMessage(captions.Select(MessageText.Plain).ToList(), post),
        };

    [Fact]
    public async Task A_photo_and_an_album_are_copied_to_every_recipient_with_the_variant_caption_or_the_post_own()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var accounts = new[] { await world.AddAccountAsync("m1-a"), await world.AddAccountAsync("m1-b") };
        var channel = world.World.CreateChannel("Promo", "promo_m1");
        var photo = world.World.PostToChannel(channel.Id, [new SimOutgoingMessage("original photo caption", Media: world.World.UploadFile(SimMediaKind.Photo))])[0];
        var album = world.World.PostToChannel(channel.Id,
            [new SimOutgoingMessage("album caption m1", Media: world.World.UploadFile(SimMediaKind.Photo)), new SimOutgoingMessage(null, Media: world.World.UploadFile(SimMediaKind.Video)),
             new SimOutgoingMessage(null, Media: world.World.UploadFile(SimMediaKind.Photo))], asAlbum: true);
        var users = world.AddRecipients(30);
        var audience = users.Select((u, i) => new CampaignRecipient(u.Id.ToString(), new Dictionary<string, string> { ["name"] = "N" + i })).ToList();

        // Two captions with a variable, alternating by place in the audience.
        var photoCampaign = world.Grains.GetGrain<ICampaignGrain>("m1-photo");
        var created = await photoCampaign.CreateAsync(Copying(new PostReference("@promo_m1", [photo.Id]), accounts, "Offer A for {name}", "Offer B for {name}"), audience);
        Assert.Equal(30, created.Status.Counts.Total);
        // The campaign read the post once, at creation: it keeps what it found, to look for copies after a crash.
        Assert.Equal(MessageMediaKind.Photo, world.Cluster.ReadState<CampaignGrainState>("campaign", photoCampaign.GetGrainId())!.Definition!.Message.MediaKind);
        var done = await world.WaitForStateAsync(photoCampaign, CampaignState.Completed);
        Assert.Equal(30, done.Counts.Sent);
        for (var i = 0; i < users.Count; i++)
        {
            var got = accounts.SelectMany(a => world.World.GetReceivedFrom(users[i].Id, a.UserId)).ToList();
            var copy = Assert.Single(got);
            Assert.Equal(SimMediaKind.Photo, copy.Media?.Kind);
            Assert.Equal(photo.Media!.FileUniqueId, copy.Media!.FileUniqueId);
            Assert.Equal($"Offer {(i % 2 == 0 ? 'A' : 'B')} for N{i}", copy.Text);
            Assert.Null(copy.ForwardOrigin); // a copy, not a forward
        }

        // The album without a caption given: every recipient gets its three parts, the first with the post's own caption.
        var albumCampaign = world.Grains.GetGrain<ICampaignGrain>("m1-album");
        await albumCampaign.CreateAsync(Copying(new PostReference("@promo_m1", album.Select(m => m.Id).ToList()), accounts), audience.Take(10).ToList());
        var albumDone = await world.WaitForStateAsync(albumCampaign, CampaignState.Completed);
        Assert.Equal(10, albumDone.Counts.Sent);
        Assert.Equal(10, albumDone.Accounts.Sum(a => a.Sent)); // recipients, not messages
        var albumCaptions = world.Received("album caption m1");
        foreach (var user in users.Take(10))
        {
            Assert.Equal(1, albumCaptions.GetValueOrDefault(user.Id));
            var parts = accounts.SelectMany(a => world.World.GetReceivedFrom(user.Id, a.UserId)).Where(m => m.MediaGroupId is not null).ToList();
            Assert.Equal([SimMediaKind.Photo, SimMediaKind.Video, SimMediaKind.Photo], parts.OrderBy(m => m.Id).Select(m => m.Media!.Kind));
            Assert.Single(parts.Select(m => m.MediaGroupId).Distinct());
        }
    }

    [Fact]
    public async Task A_post_that_is_not_there_or_cannot_be_read_is_refused_and_nothing_is_created()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var account = await world.AddAccountAsync("m2-a");
        var open = world.World.CreateChannel("Open", "open_m2");
        var post = world.World.PostToChannel(open.Id, [new SimOutgoingMessage("caption", Media: world.World.UploadFile(SimMediaKind.Document, "price.pdf"))])[0];
        var closed = world.World.CreateChannel("Closed");
        var secret = world.World.PostToChannel(closed.Id, "members only");
        var audience = world.AddRecipients(3).Select(u => new CampaignRecipient(u.Id.ToString())).ToList();
        var campaign = world.Grains.GetGrain<ICampaignGrain>("m2");

        var missing = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(Copying(new PostReference("@open_m2", [post.Id, post.Id + 1]), [account]), audience));
        Assert.Contains($"message {post.Id + 1} of '@open_m2' does not exist", missing.Message);
        var unreadable = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(Copying(new PostReference(closed.Id.ToString(), [secret.Id]), [account]), audience));
        Assert.Contains("cannot be read by account m2-a", unreadable.Message);
        var noSuchChat = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(Copying(new PostReference("@nobody_here_m2", [1]), [account]), audience));
        Assert.Contains("cannot be read by account m2-a", noSuchChat.Message);
        var longCaption = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(Copying(new PostReference("@open_m2", [post.Id]), [account], new string('x', 1025)), audience));
        Assert.Contains("caption is longer than Telegram's 1,024", longCaption.Message);
        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(Copying(new PostReference("@open_m2", Enumerable.Range(1, 11).Select(i => (long)i).ToList()), [account]), audience));
        Assert.Contains("1-10 different message ids", tooMany.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => campaign.GetStatusAsync());

        // The account offline: nobody can check the post, so nothing is created either, and the answer says why.
        await account.Grain.StopAsync();
        var offline = await Assert.ThrowsAsync<InvalidOperationException>(() => campaign.CreateAsync(Copying(new PostReference("@open_m2", [post.Id]), [account]), audience));
        Assert.Contains("could not be checked", offline.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => campaign.GetStatusAsync());
    }

    [Fact]
    public async Task A_post_deleted_mid_campaign_pauses_it_with_the_reason_and_nobody_gets_a_message_twice()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var accounts = new[] { await world.AddAccountAsync("m3-a"), await world.AddAccountAsync("m3-b") };
        var channel = world.World.CreateChannel("Deals", "deals_m3");
        var post = world.World.PostToChannel(channel.Id, [new SimOutgoingMessage("deal", Media: world.World.UploadFile(SimMediaKind.Photo))])[0];
        var users = world.AddRecipients(40);
        var campaign = world.Grains.GetGrain<ICampaignGrain>("m3");
        // One send per account every 0.3 s: slow enough to delete the post half-way.
        var definition = Copying(new PostReference("@deals_m3", [post.Id]), accounts, "Deal m3") with
        {
            Limits = new CampaignLimits { PerAccountHourly = null, PerAccountDaily = null, MinDelay = TimeSpan.FromSeconds(0.3), MaxDelay = TimeSpan.FromSeconds(0.3) },
        };

        await campaign.CreateAsync(definition, users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        await Eventually.WaitAsync(() => Task.FromResult(world.Received("Deal m3").Count), n => n >= 4, "a few copies sent");
        world.World.DeleteMessages(channel.Id, [post.Id]);
        var paused = await world.WaitForStateAsync(campaign, CampaignState.Paused);

        Assert.Contains("no account can copy the post @deals_m3/" + post.Id, paused.Reason);
        Assert.Contains("cannot read the post", paused.Reason);
        var received = world.Received("Deal m3");
        Assert.All(received.Values, n => Assert.Equal(1, n));
        Assert.Equal(received.Count, paused.Counts.Sent);
        Assert.True(paused.Counts.Pending > 0, "the rest waits, not failed or skipped");
        Assert.Equal((0, 0), (paused.Counts.Failed, paused.Counts.Skipped));
    }

    [Fact]
    public async Task A_copy_sent_just_before_the_crash_is_found_in_the_dialog_and_not_sent_again()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var account = await world.AddAccountAsync("m4-a");
        var channel = world.World.CreateChannel("Clips", "clips_m4");
        var post = world.World.PostToChannel(channel.Id, [new SimOutgoingMessage("clip caption m4", Media: world.World.UploadFile(SimMediaKind.Video))])[0];
        var users = world.AddRecipients(4);
        var held = world.Cluster.Simulator.Faults.Add(new SimFaultRule(SimFaultKind.SlowAnswer, SimClientKind.Account, account.UserId, "forward", Count: 1, Delay: TimeSpan.FromSeconds(15)));
        var campaign = world.Grains.GetGrain<ICampaignGrain>("m4");

        // No caption given: the copies keep the post's, so the lookup matches the video with any caption.
        await campaign.CreateAsync(Copying(new PostReference("@clips_m4", [post.Id]), [account]), users.Select(u => new CampaignRecipient("@" + u.Username)).ToList());
        await Eventually.WaitAsync(() => Task.FromResult(world.Received("clip caption m4").Count), n => n == 1, "the first copy made, its answer held");
        await world.Cluster.KillSiloAsync(world.Cluster.Silos[0]);
        world.Cluster.Simulator.Faults.Remove(held);
        await world.Cluster.StartSiloAsync();

        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed, TimeSpan.FromSeconds(90));
        Assert.Equal(4, done.Counts.Sent);
        Assert.Equal((0, 1, 3), (done.ResentAfterDoubt, done.InDoubtFound, done.InDoubtNotFound));
        var received = world.Received("clip caption m4");
        Assert.All(users, u => Assert.Equal(1, received.GetValueOrDefault(u.Id)));
    }
}
