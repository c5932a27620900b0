using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

public sealed class MembershipTests
{
    [Fact]
    public async Task GetChatMember_in_a_channel_needs_the_bot_to_be_admin()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var reader = w.CreateUser("Reader");
        var channel = w.CreateChannel("Chan", "some_channel", owner.Id);
        w.AddMember(channel.Id, reader.Id);
        var bot = w.CreateBot("check_bot");
        w.AddMember(channel.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var (status, body) = await api.FormAsync("getChatMember", ("chat_id", channel.Id), ("user_id", reader.Id));
        TestWorlds.AssertError(status, body, 400, "Bad Request: member list is inaccessible");

        w.MakeAdmin(channel.Id, bot.UserId, SimAdminRights.ReadOnly);
        var member = await api.OkAsync("getChatMember", ("chat_id", "@some_channel"), ("user_id", reader.Id));
        Assert.Equal("member", member.GetProperty("status").GetString());
        Assert.Equal(reader.Id, member.GetProperty("user").GetProperty("id").GetInt64());
        var stranger = w.CreateUser("Stranger");
        Assert.Equal("left", (await api.OkAsync("getChatMember", ("chat_id", channel.Id), ("user_id", stranger.Id))).GetProperty("status").GetString());
        var creator = await api.OkAsync("getChatMember", ("chat_id", channel.Id), ("user_id", owner.Id));
        Assert.Equal("creator", creator.GetProperty("status").GetString());
        (status, body) = await api.FormAsync("getChatMember", ("chat_id", channel.Id), ("user_id", 42));
        TestWorlds.AssertError(status, body, 400, "Bad Request: user not found");
    }

    [Fact]
    public async Task RestrictChatMember_mutes_until_lifted_and_needs_rights()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var group = w.CreateSupergroup("Guarded", null, owner.Id);
        var user = w.CreateUser("Newbie");
        w.AddMember(group.Id, user.Id);
        var bot = w.CreateBot("guard_bot");
        w.MakeAdmin(group.Id, bot.UserId, SimAdminRights.ReadOnly);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        const string muted = "{\"can_send_messages\":false}";

        var (status, body) = await api.FormAsync("restrictChatMember", ("chat_id", group.Id), ("user_id", user.Id), ("permissions", muted));
        TestWorlds.AssertError(status, body, 400, "Bad Request: not enough rights to restrict/unrestrict chat member");

        w.MakeAdmin(group.Id, bot.UserId, SimAdminRights.Moderator);
        var until = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        await api.OkAsync("restrictChatMember", ("chat_id", group.Id), ("user_id", user.Id), ("permissions", muted), ("until_date", until));
        var member = await api.OkAsync("getChatMember", ("chat_id", group.Id), ("user_id", user.Id));
        Assert.Equal("restricted", member.GetProperty("status").GetString());
        Assert.True(member.GetProperty("is_member").GetBoolean());
        Assert.False(member.GetProperty("can_send_messages").GetBoolean());
        Assert.Equal(until, member.GetProperty("until_date").GetInt64());
        var refused = Assert.Throws<SimException>(() => w.SendAsUser(user.Id, group.Id, "let me talk"));
        Assert.Equal("CHAT_WRITE_FORBIDDEN", refused.AccountError);

        const string all = "{\"can_send_messages\":true,\"can_send_audios\":true,\"can_send_documents\":true,\"can_send_photos\":true,\"can_send_videos\":true,\"can_send_video_notes\":true,\"can_send_voice_notes\":true,\"can_send_polls\":true,\"can_send_other_messages\":true,\"can_add_web_page_previews\":true}";
        await api.OkAsync("restrictChatMember", ("chat_id", group.Id), ("user_id", user.Id), ("permissions", all), ("use_independent_chat_permissions", true));
        Assert.Equal(SimMemberStatus.Member, w.GetMember(group.Id, user.Id).Status);
        w.SendAsUser(user.Id, group.Id, "thanks");

        (status, body) = await api.FormAsync("restrictChatMember", ("chat_id", group.Id), ("user_id", owner.Id), ("permissions", muted));
        TestWorlds.AssertError(status, body, 400, "Bad Request: user is an administrator of the chat");
    }

    [Fact]
    public async Task Dependent_permissions_follow_use_independent_chat_permissions()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var group = w.CreateSupergroup("Deps", null, owner.Id);
        var user = w.CreateUser("Member");
        w.AddMember(group.Id, user.Id);
        var bot = w.CreateBot("perm_bot");
        w.MakeAdmin(group.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        await api.OkAsync("restrictChatMember", ("chat_id", group.Id), ("user_id", user.Id), ("permissions", "{\"can_send_photos\":true}"));
        Assert.True(w.GetMember(group.Id, user.Id).Permissions!.CanSendMessages);
        await api.OkAsync("restrictChatMember", ("chat_id", group.Id), ("user_id", user.Id), ("permissions", "{\"can_send_photos\":true}"), ("use_independent_chat_permissions", true));
        Assert.False(w.GetMember(group.Id, user.Id).Permissions!.CanSendMessages);
    }

    [Fact]
    public async Task Ban_and_unban_move_a_user_through_kicked_and_left()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var group = w.CreateSupergroup("Strict", null, owner.Id);
        var user = w.CreateUser("Troll");
        w.AddMember(group.Id, user.Id);
        var bot = w.CreateBot("ban_bot");
        w.MakeAdmin(group.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        await api.OkAsync("banChatMember", ("chat_id", group.Id), ("user_id", user.Id));
        Assert.Equal("kicked", (await api.OkAsync("getChatMember", ("chat_id", group.Id), ("user_id", user.Id))).GetProperty("status").GetString());
        await api.OkAsync("unbanChatMember", ("chat_id", group.Id), ("user_id", user.Id), ("only_if_banned", true));
        Assert.Equal(SimMemberStatus.Left, w.GetMember(group.Id, user.Id).Status);

        var link = await api.OkAsync("createChatInviteLink", ("chat_id", group.Id), ("name", "promo"));
        Assert.StartsWith("https://t.me/+", link.GetProperty("invite_link").GetString());
        Assert.Equal(bot.UserId, link.GetProperty("creator").GetProperty("id").GetInt64());
        w.JoinByInvite(user.Id, link.GetProperty("invite_link").GetString()!);
        Assert.Equal(SimMemberStatus.Member, w.GetMember(group.Id, user.Id).Status);
    }
}
