using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Demo;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

public sealed class WorldSetupTests
{
    [Fact]
    public async Task Traffic_generator_posts_edits_and_deletes_at_a_set_rate_until_its_budget_is_spent()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var channel = w.CreateChannel("Busy", null, owner.Id);
        var id = sim.Traffic.StartChannelPosting(new ChannelTrafficOptions(channel.Id, 500, TextWeight: 4, PhotoWeight: 2, AlbumWeight: 2, EditWeight: 1, DeleteWeight: 1, MaxActions: 100, Seed: 7));
        await sim.Traffic.WhenDoneAsync(id).WaitAsync(TimeSpan.FromSeconds(20));

        var info = sim.Traffic.Get(id);
        Assert.Null(info.LastError);
        Assert.True(info.Posted > 0 && info.Edited > 0 && info.Deleted > 0, $"posted {info.Posted}, edited {info.Edited}, deleted {info.Deleted}");
        var all = w.GetMessages(channel.Id, includeDeleted: true);
        Assert.Equal(info.Posted, all.Count);
        Assert.Equal(info.Deleted, all.Count(m => m.IsDeleted));
        Assert.Contains(all, m => m.MediaGroupId is not null);
    }

    [Fact]
    public async Task Traffic_generator_replies_to_recent_posts_album_messages_and_posts_deleted_since()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var channel = w.CreateChannel("Chatty", null, owner.Id);
        var id = sim.Traffic.StartChannelPosting(new ChannelTrafficOptions(channel.Id, 500, TextWeight: 4, PhotoWeight: 1, AlbumWeight: 2, EditWeight: 1, DeleteWeight: 2,
            MaxActions: 300, Seed: 11, ReplyWeight: 3));
        await sim.Traffic.WhenDoneAsync(id).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Null(sim.Traffic.Get(id).LastError);
        var all = w.GetMessages(channel.Id, includeDeleted: true).ToDictionary(m => m.Id);
        var replies = all.Values.Where(m => m.ReplyToMessageId is not null).ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.True(r.ReplyToMessageId < r.Id && all.ContainsKey(r.ReplyToMessageId!.Value), $"reply {r.Id} to {r.ReplyToMessageId}"));
        Assert.Contains(replies, r => all[r.ReplyToMessageId!.Value].MediaGroupId is not null);
        Assert.Contains(replies, r => all[r.ReplyToMessageId!.Value].DeletedAt is { } at && at <= r.Date);
    }

    [Fact]
    public async Task Membership_churn_moves_users_in_and_out()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var group = w.CreateSupergroup("Churn", null, owner.Id);
        var users = Enumerable.Range(0, 5).Select(i => w.CreateUser($"C{i}").Id).ToList();
        var id = sim.Traffic.StartMembershipChurn(new MembershipChurnOptions(group.Id, users, 200, MaxEvents: 40, Seed: 3));
        await sim.Traffic.WhenDoneAsync(id).WaitAsync(TimeSpan.FromSeconds(20));
        var info = sim.Traffic.Get(id);
        Assert.Equal(40, info.Joined + info.Left);
        Assert.Equal(info.Joined - info.Left, users.Count(u => w.GetMember(group.Id, u).IsInChat));
    }

    [Fact]
    public async Task Demo_world_is_ready_for_pairs_and_a_protected_group()
    {
        await using var sim = await TestWorlds.StartAsync(o => o.SeedDemoWorld = true);
        var w = sim.World;
        var demo = DemoWorld.Seed(new SimWorld());
        Assert.Equal(DemoWorld.BotToken, w.FindBotByToken(DemoWorld.BotToken)!.Token);
        var group = w.GetChats().Single(c => c.Username == "demo_community");
        var linked = w.GetChat(group.LinkedChatId!.Value);
        Assert.Equal("demo_announcements", linked.Username);
        var bot = w.FindBotByToken(DemoWorld.BotToken)!;
        Assert.True(w.GetMember(group.Id, bot.UserId).IsAdmin);
        Assert.True(w.GetMember(linked.Id, bot.UserId).IsAdmin);
        Assert.Equal(2, demo.ChannelPairs.Count);
        var forwarder = w.FindAccountByPhone("+15550000001")!;
        foreach (var pair in demo.ChannelPairs)
        {
            Assert.True(w.GetMember(pair.DestinationChannelId, forwarder.UserId).EffectiveRights!.CanPostMessages);
            Assert.True(w.GetMember(pair.SourceChannelId, forwarder.UserId).IsInChat);
        }
        Assert.Contains(demo.GroupMembers, u => !w.GetMember(linked.Id, u.Id).IsInChat);
    }

    [Fact]
    public async Task World_summary_of_a_bot_that_chose_its_update_kinds_reads_back_over_http()
    {
        // The silo's demo seeder reads /sim/world; once the bot had polled with allowed_updates, the summary did not
        // deserialize (an IReadOnlySet on the wire) and the demo never became ready after a restart.
        await using var sim = await TestWorlds.StartAsync();
        var bot = sim.World.CreateBot("picky_bot");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        await api.OkAsync("getUpdates", ("allowed_updates", "[\"message\",\"chat_member\"]"));

        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        var world = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync(http, "sim/world", SimControlJsonContext.Default.WorldSummary);

        Assert.Equal(["chat_member", "message"], world!.Bots.Single(b => b.Username == "picky_bot").AllowedUpdates);
    }

    [Fact]
    public void World_file_loads_users_accounts_bots_chats_and_members()
    {
        var path = Path.Combine(Path.GetTempPath(), "world-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """
        {
          "users": [ { "firstName": "Zed", "username": "zed_user" } ],
          "accounts": [ { "phone": "+15557770001", "firstName": "Yan", "username": "yan_acc", "password": "pw" } ],
          "bots": [ { "username": "file_bot", "token": "123456:AAfileBotTokenFileBotTokenFileBot0" } ],
          "chats": [
            { "type": "channel", "title": "File News", "username": "file_news", "owner": "@yan_acc",
              "members": [ { "user": "@file_bot", "status": "administrator" }, { "user": "@zed_user" } ], "posts": [ "hello", "world" ] },
            { "type": "supergroup", "title": "File Group", "username": "file_group", "owner": "+15557770001", "linkedChat": "@file_news" }
          ]
        }
        """);
        var w = new SimWorld();
        WorldFile.LoadInto(w, path);
        File.Delete(path);

        var news = w.GetChat(w.FindByUsername("file_news")!.Value);
        Assert.Equal(SimChatType.Channel, news.Type);
        Assert.Equal(2, w.GetMessages(news.Id).Count);
        var bot = w.FindBotByToken("123456:AAfileBotTokenFileBotTokenFileBot0")!;
        Assert.Equal(SimMemberStatus.Administrator, w.GetMember(news.Id, bot.UserId).Status);
        Assert.Equal(news.Id, w.GetChat(w.FindByUsername("file_group")!.Value).LinkedChatId);
        Assert.True(w.FindAccountByPhone("+15557770001")!.HasPassword);
    }
}
