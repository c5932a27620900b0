using System.Text;
using Cluster.AdminBot.Handlers;
using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>The guided /new_campaign's audience sent as a file to the admin bot: downloaded through the Bot API (getFile and
/// the file route of the simulator), read like a typed audience (bad lines reported by number, the rest imported); a file of
/// another type or over the cap is refused with the question asked again and nothing created.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class CampaignAudienceFileTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    private ICampaignRegistryGrain Registry => Cluster.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key);

    [Fact]
    public async Task A_csv_file_sent_at_the_audience_step_creates_the_campaign_from_its_good_lines_and_names_the_bad_ones()
    {
        var (worker, _, _) = await Cluster.AddActiveWorkerAsync("file-campaigner");
        var users = Enumerable.Range(1, 3).Select(i => Cluster.World.CreateUser("File reader " + i, $"file_reader_{i}")).ToList();
        using var chat = Cluster.AdminChat();
        await AnswerUpToTheAudienceAsync(chat, "file-c1", worker);

        // A UTF-8 BOM, Windows line ends, a header with a variable, two bad lines (3: not a recipient, 5: a missing column).
        var csv = "recipient,first_name\r\n"
            + $"@{users[0].Username},Anna\r\n"
            + "not a user!,Bob\r\n"
            + $"{users[1].Id},Carl\r\n"
            + $"@{users[2].Username}\r\n"
            + $"@{users[2].Username},Dora\r\n";
        var created = await chat.SendDocumentAsync("audience.csv", "text/csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);

        Assert.StartsWith("Campaign file-c1 created with 3 recipients in 1 chunk(s), 1 account(s): draft.", created.Text);
        Assert.Contains("2 bad line(s) left out:\nline 3: 'not a user!' is not a user id, @username or phone number", created.Text);
        Assert.Contains("\nline 5: 1 columns, the header has 2", created.Text);
        Assert.Contains(created.AllButtons, b => b.Text == "Start");
        var status = await Cluster.Grains.GetGrain<ICampaignGrain>("file-c1").GetStatusAsync();
        Assert.Equal(CampaignState.Draft, status.State);
        Assert.Equal(3, status.Counts.Total);
        Assert.Equal(3, status.Counts.Pending);
        Assert.Contains("Nothing is waiting for a file", (await chat.SendDocumentAsync("audience.csv", "text/csv", Encoding.UTF8.GetBytes(csv))).Text);
    }

    [Fact]
    public async Task A_file_of_another_type_or_over_the_cap_is_refused_and_nothing_is_created()
    {
        var (worker, _, _) = await Cluster.AddActiveWorkerAsync("file-refused");
        var user = Cluster.World.CreateUser("File refused reader", "file_refused_reader");
        using var chat = Cluster.AdminChat();
        Assert.StartsWith("Creating a campaign.", (await chat.SendAsync("/new_campaign")).Text);
        Assert.Equal("This step takes a typed answer, not a file: 'early.csv' was not read. Send the answer as a message.",
            (await chat.SendDocumentAsync("early.csv", "text/csv", Encoding.UTF8.GetBytes("1\n"))).Text);
        await AnswerUpToTheAudienceAsync(chat, "file-c2", worker, started: true);

        var sheet = await chat.SendDocumentAsync("audience.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04]);
        Assert.Equal("'audience.xlsx' is not a text or CSV file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): "
            + "send the audience as a .txt or .csv file, or type it.", sheet.Text);

        var big = new byte[5 * 1024 * 1024 + 1]; // the default AdminBot:MaxAudienceFileMegabytes
        Array.Fill(big, (byte)'1');
        var tooLarge = await chat.SendDocumentAsync("big.txt", "text/plain", big);
        Assert.Equal("'big.txt' is larger than 5 MB: split the audience into smaller files, or send one of at most that size.", tooLarge.Text);

        var latin1 = await chat.SendDocumentAsync("latin1.txt", "text/plain", [(byte)'@', 0xE9, 0xE8, (byte)'\n']);
        Assert.Equal("'latin1.txt' is not UTF-8 text: save it as UTF-8 (CSV UTF-8) and send it again.", latin1.Text);

        Assert.DoesNotContain(await Registry.ListAsync(), c => c.CampaignId == "file-c2");
        // The question is still open: a good file afterwards creates the campaign.
        var created = await chat.SendDocumentAsync("good.txt", null, Encoding.UTF8.GetBytes($"{user.Id}\n"));
        Assert.StartsWith("Campaign file-c2 created with 1 recipients", created.Text);
    }

    private static async Task AnswerUpToTheAudienceAsync(AdminChat chat, string id, string worker, bool started = false)
    {
        if (!started) Assert.StartsWith("Creating a campaign.", (await chat.SendAsync("/new_campaign")).Text);
        await chat.SendAsync(id);
        await chat.SendAsync("Hello {first_name|reader}");
        await chat.SendAsync(worker);
        var question = await chat.SendAsync("default");
        Assert.StartsWith("Send the audience as one message or as a .txt/.csv file (up to 5 MB)", question.Text);
    }
}
