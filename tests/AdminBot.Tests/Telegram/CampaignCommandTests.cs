using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.World;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>Campaigns through the admin bot on Telegram: the guided /new_campaign (bad answers asked again, the audience typed
/// as one message with its bad lines reported by number), the Start button, then /campaign.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class CampaignCommandTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task New_campaign_is_guided_bad_answers_are_asked_again_and_the_campaign_starts_from_its_button()
    {
        var (worker, workerUser, _) = await Cluster.AddActiveWorkerAsync("tg-campaigner");
        var users = Enumerable.Range(1, 2).Select(i => Cluster.World.CreateUser("Tg reader " + i, $"tg_reader_{i}")).ToList();
        using var chat = Cluster.AdminChat();

        Assert.StartsWith("Creating a campaign.", (await chat.SendAsync("/new_campaign")).Text);
        Assert.Equal("'bad id!' is not a campaign id: 1-40 letters, digits, - or _. Send another.", (await chat.SendAsync("bad id!")).Text);
        await chat.SendAsync("tg-c1");
        await chat.SendAsync("Hello {first_name|reader}, tg-c1 news");
        Assert.Equal("Unknown account: ghost. /workers lists them; send the accounts again.", (await chat.SendAsync("ghost")).Text);
        await chat.SendAsync(worker);
        Assert.StartsWith("Limits must be at least 1.", (await chat.SendAsync("0 100 2-5")).Text);
        await chat.SendAsync("5 10 0");
        var created = await chat.SendAsync($"@{users[0].Username}\nnot a user!\n{users[1].Id}");

        Assert.StartsWith("Campaign tg-c1 created with 2 recipients in 1 chunk(s), 1 account(s): draft.", created.Text);
        Assert.Contains("1 bad line(s) left out:\nline 2: 'not a user!' is not a user id, @username or phone number", created.Text);
        var (started, _) = await chat.PressAsync(created, "Start");
        Assert.StartsWith("Campaign tg-c1 (tg-c1): ", started.Text);
        var campaign = Cluster.Grains.GetGrain<ICampaignGrain>("tg-c1");
        await Eventually.WaitAsync(() => campaign.GetStatusAsync(), s => s.State == CampaignState.Completed, "the campaign completed", TimeSpan.FromSeconds(60));
        Assert.Equal("Hello reader, tg-c1 news", Assert.Single(Cluster.World.GetReceivedFrom(users[1].Id, workerUser)).Text);

        var progress = await chat.SendAsync("/campaign tg-c1");
        Assert.StartsWith("Campaign tg-c1 (tg-c1): completed\nsent 2, failed 0, skipped 0, pending 0 of 2", progress.Text);
        Assert.Empty(progress.AllButtons);
    }

    [Fact]
    public async Task A_guided_campaign_copies_the_post_whose_link_is_sent_as_the_message_with_the_lines_after_it_as_caption()
    {
        var (worker, workerUser, _) = await Cluster.AddActiveWorkerAsync("tg-media");
        var channel = Cluster.World.CreateChannel("Tg promo", "tg_promo_c2");
        var post = Cluster.World.PostToChannel(channel.Id,
            [new SimOutgoingMessage("own caption", Media: Cluster.World.UploadFile(SimMediaKind.Video))])[0];
        var user = Cluster.World.CreateUser("Tg viewer", "tg_viewer_c2");
        using var chat = Cluster.AdminChat();

        await chat.SendAsync("/new_campaign");
        await chat.SendAsync("tg-c2");
        Assert.StartsWith("'1-20' is not a range of at most 10 ids", (await chat.SendAsync("https://t.me/tg_promo_c2/1-20\nCaption")).Text);
        Assert.StartsWith("Send the accounts", (await chat.SendAsync($"https://t.me/tg_promo_c2/{post.Id}\nWatch this, {{first_name|friend}}")).Text);
        await chat.SendAsync(worker);
        await chat.SendAsync("5 10 0");
        var created = await chat.SendAsync("@" + user.Username);
        Assert.StartsWith("Campaign tg-c2 created with 1 recipients in 1 chunk(s), 1 account(s): draft.", created.Text);
        await chat.PressAsync(created, "Start");

        var campaign = Cluster.Grains.GetGrain<ICampaignGrain>("tg-c2");
        await Eventually.WaitAsync(() => campaign.GetStatusAsync(), s => s.State == CampaignState.Completed, "the campaign completed", TimeSpan.FromSeconds(60));
        var copy = Assert.Single(Cluster.World.GetReceivedFrom(user.Id, workerUser));
        Assert.Equal(("Watch this, friend", SimMediaKind.Video), (copy.Text, copy.Media?.Kind));
        Assert.Contains($"copies @tg_promo_c2/{post.Id} (video), 1 caption", (await chat.SendAsync("/campaign tg-c2")).Text);
    }
}
