using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.World;

namespace Cluster.AdminBot.Tests.CommandLine;

/// <summary>Campaigns from the command line (the same handlers as the bot): created from an audience file whose bad lines are
/// reported by number, followed with /campaign, paused and cancelled; bad input refused with nothing created.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class CampaignCommandLineTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task New_campaign_imports_a_file_reports_its_bad_lines_and_sends_to_the_rest()
    {
        var (account, accountUser, _) = await Cluster.AddActiveWorkerAsync("cli-campaigner");
        var users = Enumerable.Range(1, 3).Select(i => Cluster.World.CreateUser("Reader" + i, $"cli_reader_{i}")).ToList();
        var file = Path.Combine(Path.GetTempPath(), $"audience-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"username,first_name\n@{users[0].Username},Ann\nnot a user!,X\n@{users[1].Username},Bo\n@{users[2].Username}\n{users[2].Id},Cy\n");
        try
        {
            var created = await Cluster.CliAsync("new_campaign", "cli-c1", "--message", "Hello {first_name|friend}, cli-c1 news", "--accounts", account,
                "--audience-file", file, "--delay", "0", "--start");
            Assert.True(created.ExitCode == 0, created.ToString());
            Assert.StartsWith("Campaign cli-c1 created with 3 recipients in 1 chunk(s), 1 account(s): running.", created.Output);
            Assert.Contains("2 bad line(s) left out:\nline 3: 'not a user!' is not a user id, @username or phone number\nline 5: 1 columns, the header has 2", created.Output);

            var campaign = Cluster.Grains.GetGrain<ICampaignGrain>("cli-c1");
            await Eventually.WaitAsync(() => campaign.GetStatusAsync(), s => s.State == CampaignState.Completed, "the campaign completed", TimeSpan.FromSeconds(60));
            Assert.Equal("Hello Ann, cli-c1 news", Assert.Single(Cluster.World.GetReceivedFrom(users[0].Id, accountUser)).Text);

            var progress = await Cluster.CliAsync("campaign", "cli-c1");
            Assert.True(progress.ExitCode == 0, progress.ToString());
            Assert.StartsWith("Campaign cli-c1 (cli-c1): completed\nsent 3, failed 0, skipped 0, pending 0 of 3", progress.Output);
            Assert.Contains($"  {account}: ready · sent 3 · failed 0 · flood waits 0", progress.Output);
            var list = await Cluster.CliAsync("campaigns");
            Assert.Contains("cli-c1 (cli-c1) - completed", list.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task New_campaign_copies_a_post_by_its_link_with_each_variant_as_caption()
    {
        var (account, accountUser, _) = await Cluster.AddActiveWorkerAsync("cli-media");
        var channel = Cluster.World.CreateChannel("CLI promo", "cli_promo_c3");
        var post = Cluster.World.PostToChannel(channel.Id,
            [new SimOutgoingMessage("the post's own caption", Media: Cluster.World.UploadFile(SimMediaKind.Photo))])[0];
        var users = Enumerable.Range(1, 4).Select(i => Cluster.World.CreateUser("Viewer" + i, $"cli_viewer_{i}")).ToList();

        var created = await Cluster.CliAsync("new_campaign", "cli-c3", "--media", $"https://t.me/cli_promo_c3/{post.Id}", "--message", "Photo A for {first_name|you}",
            "--variant", "Photo B", "--variant", "Photo C", "--accounts", account, "--audience", string.Join(' ', users.Select(u => "@" + u.Username)), "--delay", "0", "--start");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.StartsWith("Campaign cli-c3 created with 4 recipients", created.Output);

        var campaign = Cluster.Grains.GetGrain<ICampaignGrain>("cli-c3");
        await Eventually.WaitAsync(() => campaign.GetStatusAsync(), s => s.State == CampaignState.Completed, "the campaign completed", TimeSpan.FromSeconds(60));
        var copies = users.Select(u => Assert.Single(Cluster.World.GetReceivedFrom(u.Id, accountUser))).ToList();
        Assert.All(copies, c => Assert.Equal(post.Media!.FileUniqueId, c.Media?.FileUniqueId));
        Assert.Equal(["Photo A for you", "Photo B", "Photo C", "Photo A for you"], copies.Select(c => c.Text));
        var progress = await Cluster.CliAsync("campaign", "cli-c3");
        Assert.Contains($"copies @cli_promo_c3/{post.Id} (photo), 3 caption variants", progress.Output);
    }

    [Fact]
    public async Task A_campaign_is_paused_resumed_and_cancelled_from_the_command_line()
    {
        var (account, _, _) = await Cluster.AddActiveWorkerAsync("cli-pauser");
        var users = Enumerable.Range(1, 5).Select(i => Cluster.World.CreateUser("Pausee" + i, $"cli_pausee_{i}")).ToList();
        var created = await Cluster.CliAsync("new_campaign", "cli-c2", "--message", "cli-c2", "--accounts", account,
            "--audience", string.Join(' ', users.Select(u => "@" + u.Username)), "--delay", "30");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains(": draft.", created.Output);

        Assert.Equal(0, (await Cluster.CliAsync("campaign_start", "cli-c2")).ExitCode);
        var paused = await Cluster.CliAsync("campaign_pause", "cli-c2");
        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.StartsWith("Campaign cli-c2 (cli-c2): paused - paused by an operator", paused.Output);
        var resumeTwice = await Cluster.CliAsync("campaign_resume", "cli-c2");
        Assert.Contains(": running", resumeTwice.Output.Split('\n')[0]);
        var cancelled = await Cluster.CliAsync("campaign_cancel", "cli-c2");
        Assert.StartsWith("Campaign cli-c2 (cli-c2): cancelled", cancelled.Output);
        var again = await Cluster.CliAsync("campaign_resume", "cli-c2");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("Campaign 'cli-c2' is Cancelled; only a paused campaign can be resumed.", again.Output);
    }

    [Theory]
    [InlineData("--message|  |--accounts|cli-bad|--audience|@someone_1", "The message is empty: give --message <text>, or --media <post link> to copy a photo, video, file or album.")]
    [InlineData("--message|hi|--accounts|cli-bad,ghost-account|--audience|@someone_1", "Not created: Unknown account: ghost-account.")]
    [InlineData("--message|hi|--accounts|cli-bad|--audience|@someone_1|--hourly|0", "Not created: The per-account hourly limit must be at least 1 (is 0); leave it out for no campaign limit.")]
    [InlineData("--message|hi|--accounts|cli-bad|--audience|@someone_1|--start-at|2020-01-01T00:00Z", "Not created: The start time 2020-01-01 00:00:00Z is in the past")]
    [InlineData("--message|hi|--accounts|cli-bad|--audience|!!", "The audience has no valid recipient.\n1 bad line(s) left out:\nline 1:")]
    [InlineData("--media|https://t.me/cli_bad_news|--accounts|cli-bad|--audience|@someone_1", "--media: 'https://t.me/cli_bad_news' is not a message link")]
    [InlineData("--media|https://t.me/cli_no_such_chan/5|--accounts|cli-bad|--audience|@someone_1", "Not created: The post's chat '@cli_no_such_chan' cannot be read by account cli-bad")]
    [InlineData("--media|@cli_no_such_chan/5|--variant|caption|--accounts|cli-bad|--audience|@someone_1", "Give the first caption with --message; --variant adds more.")]
    public async Task Bad_input_is_refused_with_the_reason_and_nothing_is_created(string options, string expected)
    {
        if (await Cluster.Grains.GetGrain<Cluster.Grains.Abstractions.Accounts.IAccountGrain>("cli-bad").GetStatusAsync() is { Configured: false })
            await Cluster.AddActiveWorkerAsync("cli-bad");
        var id = "cli-bad-" + Guid.NewGuid().ToString("N")[..6];

        var result = await Cluster.CliAsync(["new_campaign", id, .. options.Split('|')]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Output);
        Assert.DoesNotContain(await Cluster.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListAsync(), c => c.CampaignId == id);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Cluster.Grains.GetGrain<ICampaignGrain>(id).GetStatusAsync());
    }
}
