using System.Text.Json.Nodes;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

public sealed class BotApiShapeTests
{
    [Fact]
    public async Task GetMe_answers_the_bot_in_telegrams_envelope_for_get_form_and_json()
    {
        await using var sim = await TestWorlds.StartAsync();
        var bot = sim.World.CreateBot("shape_bot", "Shape");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var (status, body) = await api.GetAsync($"bot{bot.Token}/getMe");
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("ok").GetBoolean());
        var me = body.GetProperty("result");
        Assert.Equal(bot.UserId, me.GetProperty("id").GetInt64());
        Assert.True(me.GetProperty("is_bot").GetBoolean());
        Assert.Equal("Shape", me.GetProperty("first_name").GetString());
        Assert.Equal("shape_bot", me.GetProperty("username").GetString());
        Assert.True(me.GetProperty("can_join_groups").GetBoolean());

        Assert.Equal(bot.UserId, (await api.OkAsync("getMe")).GetProperty("id").GetInt64());
        var (jsonStatus, jsonBody) = await api.JsonAsync("GETME", new JsonObject());
        Assert.Equal(200, jsonStatus);
        Assert.Equal(bot.UserId, jsonBody.GetProperty("result").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_token_containing_bot_routes_like_any_other()
    {
        await using var sim = await TestWorlds.StartAsync();
        var bot = sim.World.CreateBot("routing_bot", token: "123456789:AAHrobotBOTbotTokenWithBotInsideX01");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        Assert.Equal(bot.UserId, (await api.OkAsync("getMe")).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Unknown_token_is_401_and_unknown_method_is_404()
    {
        await using var sim = await TestWorlds.StartAsync();
        var bot = sim.World.CreateBot("real_bot");
        using var wrong = new BotApiTestClient(sim.BaseUrl, "123:wrong");
        var (status, body) = await wrong.FormAsync("getMe");
        TestWorlds.AssertError(status, body, 401, "Unauthorized");

        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        (status, body) = await api.FormAsync("sendTelepathy");
        TestWorlds.AssertError(status, body, 404, "Not Found");
    }

    [Fact]
    public async Task Bad_requests_are_answered_400_with_telegrams_descriptions()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var bot = w.CreateBot("bad_bot");
        var user = w.CreateUser("Ann", "ann_user");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var (status, body) = await api.FormAsync("sendMessage", ("text", "hi"));
        TestWorlds.AssertError(status, body, 400, "Bad Request: chat_id is empty");
        (status, body) = await api.FormAsync("sendMessage", ("chat_id", -100999), ("text", "hi"));
        TestWorlds.AssertError(status, body, 400, "Bad Request: chat not found");
        (status, body) = await api.FormAsync("sendMessage", ("chat_id", user.Id), ("text", ""));
        TestWorlds.AssertError(status, body, 400, "Bad Request: message text is empty");
        (status, body) = await api.FormAsync("sendMessage", ("chat_id", user.Id), ("text", "hello"));
        TestWorlds.AssertError(status, body, 403, "Forbidden: bot can't initiate conversation with a user");
        w.StartBot(user.Id, bot.UserId);
        (status, body) = await api.FormAsync("sendMessage", ("chat_id", user.Id), ("text", "<b>bold"), ("parse_mode", "HTML"));
        Assert.Equal(400, status);
        Assert.StartsWith("Bad Request: can't parse entities:", body.GetProperty("description").GetString());
        (status, body) = await api.FormAsync("sendPhoto", ("chat_id", user.Id), ("photo", "not-a-file-id"));
        TestWorlds.AssertError(status, body, 400, "Bad Request: wrong file identifier/HTTP URL specified");
    }

    [Fact]
    public async Task SendMessage_returns_the_message_with_entities_and_inline_keyboard()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var bot = w.CreateBot("kb_bot");
        var user = w.CreateUser("Ben");
        w.StartBot(user.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        var keyboard = new JsonObject { ["inline_keyboard"] = new JsonArray(new JsonArray(new JsonObject { ["text"] = "Joined", ["callback_data"] = "check" })) };

        var sent = await api.OkAsync("sendMessage", ("chat_id", user.Id), ("text", "Hello <b>Ben</b>"), ("parse_mode", "HTML"), ("reply_markup", keyboard));

        Assert.Equal("Hello Ben", sent.GetProperty("text").GetString());
        var entity = sent.GetProperty("entities")[0];
        Assert.Equal("bold", entity.GetProperty("type").GetString());
        Assert.Equal(6, entity.GetProperty("offset").GetInt32());
        Assert.Equal(3, entity.GetProperty("length").GetInt32());
        Assert.Equal("private", sent.GetProperty("chat").GetProperty("type").GetString());
        Assert.Equal(user.Id, sent.GetProperty("chat").GetProperty("id").GetInt64());
        Assert.Equal(bot.UserId, sent.GetProperty("from").GetProperty("id").GetInt64());
        Assert.Equal("check", sent.GetProperty("reply_markup").GetProperty("inline_keyboard")[0][0].GetProperty("callback_data").GetString());
        Assert.Equal("Hello Ben", w.GetPrivateMessages(user.Id, bot.UserId)[^1].Text);
    }

    [Fact]
    public async Task Channel_posts_reach_admin_bots_and_albums_share_a_media_group_id()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var bot = w.CreateBot("post_bot");
        var channel = w.CreateChannel("News", "news_chan", owner.Id);
        w.MakeAdmin(channel.Id, bot.UserId, SimAdminRights.ReadOnly);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        await api.OkAsync("getUpdates", ("offset", -1));

        w.PostToChannel(channel.Id, [
            new SimOutgoingMessage("caption", Media: w.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: w.UploadFile(SimMediaKind.Video)),
        ], asAlbum: true);

        var updates = await api.OkAsync("getUpdates", ("timeout", 5));
        var posts = updates.EnumerateArray().Where(u => u.TryGetProperty("channel_post", out _)).Select(u => u.GetProperty("channel_post")).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].GetProperty("media_group_id").GetString(), posts[1].GetProperty("media_group_id").GetString());
        Assert.Equal("caption", posts[0].GetProperty("caption").GetString());
        Assert.True(posts[0].TryGetProperty("photo", out _));
        Assert.True(posts[1].TryGetProperty("video", out _));
        Assert.Equal(channel.Id, posts[0].GetProperty("sender_chat").GetProperty("id").GetInt64());
        Assert.False(posts[0].TryGetProperty("from", out _), "channel posts have no from");
    }

    [Fact]
    public async Task SendMediaGroup_sends_an_album_and_refuses_a_single_item()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var bot = w.CreateBot("album_bot");
        var channel = w.CreateChannel("Albums", null, owner.Id);
        w.MakeAdmin(channel.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        var media = new JsonArray(
            new JsonObject { ["type"] = "photo", ["media"] = "https://example.com/a.jpg", ["caption"] = "*two* pictures", ["parse_mode"] = "MarkdownV2" },
            new JsonObject { ["type"] = "photo", ["media"] = "https://example.com/b.jpg" });

        var sent = await api.OkAsync("sendMediaGroup", ("chat_id", channel.Id), ("media", media));

        Assert.Equal(2, sent.GetArrayLength());
        Assert.Equal("two pictures", sent[0].GetProperty("caption").GetString());
        Assert.Equal("bold", sent[0].GetProperty("caption_entities")[0].GetProperty("type").GetString());
        var stored = w.GetMessages(channel.Id);
        Assert.Equal(2, stored.Count);
        Assert.NotNull(stored[0].MediaGroupId);
        Assert.Equal(stored[0].MediaGroupId, stored[1].MediaGroupId);

        var (status, body) = await api.FormAsync("sendMediaGroup", ("chat_id", channel.Id), ("media", new JsonArray(new JsonObject { ["type"] = "photo", ["media"] = "https://example.com/c.jpg" })));
        TestWorlds.AssertError(status, body, 400, "Bad Request: wrong number of messages in a media group");
    }

    [Fact]
    public async Task Forward_keeps_the_origin_and_copy_drops_it()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var bot = w.CreateBot("fwd_bot");
        var source = w.CreateChannel("Source", "src_chan", owner.Id);
        var target = w.CreateChannel("Target", null, owner.Id);
        w.MakeAdmin(source.Id, bot.UserId);
        w.MakeAdmin(target.Id, bot.UserId);
        var post = w.PostToChannel(source.Id, "original");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var forwarded = await api.OkAsync("forwardMessage", ("chat_id", target.Id), ("from_chat_id", source.Id), ("message_id", post.Id));
        var origin = forwarded.GetProperty("forward_origin");
        Assert.Equal("channel", origin.GetProperty("type").GetString());
        Assert.Equal(source.Id, origin.GetProperty("chat").GetProperty("id").GetInt64());
        Assert.Equal(post.Id, origin.GetProperty("message_id").GetInt64());

        var copy = await api.OkAsync("copyMessage", ("chat_id", target.Id), ("from_chat_id", source.Id), ("message_id", post.Id));
        var copied = w.GetMessage(target.Id, copy.GetProperty("message_id").GetInt64())!;
        Assert.Null(copied.ForwardOrigin);
        Assert.Equal(new SimCopyOrigin(source.Id, post.Id), copied.CopiedFrom);
        Assert.Equal("original", copied.Text);

        var (status, body) = await api.FormAsync("copyMessage", ("chat_id", target.Id), ("from_chat_id", source.Id), ("message_id", 999));
        TestWorlds.AssertError(status, body, 400, "Bad Request: message to copy not found");
    }

    [Fact]
    public async Task Edits_and_deletions_follow_telegrams_rules()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var bot = w.CreateBot("edit_bot");
        var group = w.CreateSupergroup("Group", null, owner.Id);
        w.MakeAdmin(group.Id, bot.UserId);
        var someone = w.CreateUser("Someone");
        w.AddMember(group.Id, someone.Id);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var sent = await api.OkAsync("sendMessage", ("chat_id", group.Id), ("text", "first"));
        var id = sent.GetProperty("message_id").GetInt64();
        var edited = await api.OkAsync("editMessageText", ("chat_id", group.Id), ("message_id", id), ("text", "second"));
        Assert.Equal("second", edited.GetProperty("text").GetString());
        Assert.True(edited.TryGetProperty("edit_date", out _));
        var (status, body) = await api.FormAsync("editMessageText", ("chat_id", group.Id), ("message_id", id), ("text", "second"));
        TestWorlds.AssertError(status, body, 400,
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        var theirs = w.SendAsUser(someone.Id, group.Id, "user text");
        (status, body) = await api.FormAsync("editMessageText", ("chat_id", group.Id), ("message_id", theirs.Id), ("text", "hijack"));
        TestWorlds.AssertError(status, body, 400, "Bad Request: message can't be edited");

        Assert.True((await api.OkAsync("deleteMessage", ("chat_id", group.Id), ("message_id", theirs.Id))).GetBoolean());
        Assert.True(w.GetMessage(group.Id, theirs.Id)!.IsDeleted);
        (status, body) = await api.FormAsync("deleteMessage", ("chat_id", group.Id), ("message_id", theirs.Id));
        TestWorlds.AssertError(status, body, 400, "Bad Request: message to delete not found");
    }

    [Fact]
    public async Task Pressing_a_button_sends_a_callback_query_the_bot_answers()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var bot = w.CreateBot("cb_bot");
        var user = w.CreateUser("Cat");
        w.StartBot(user.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        var keyboard = new JsonObject { ["inline_keyboard"] = new JsonArray(new JsonArray(new JsonObject { ["text"] = "Go", ["callback_data"] = "go" })) };
        var sent = await api.OkAsync("sendMessage", ("chat_id", user.Id), ("text", "press"), ("reply_markup", keyboard));
        await api.OkAsync("getUpdates", ("offset", -1));
        var last = (await api.OkAsync("getUpdates")).EnumerateArray().Last().GetProperty("update_id").GetInt64();

        var queryId = w.PressButton(user.Id, bot.UserId, sent.GetProperty("message_id").GetInt64(), "go");

        var updates = await api.OkAsync("getUpdates", ("offset", last + 1), ("timeout", 5));
        var query = updates[0].GetProperty("callback_query");
        Assert.Equal(queryId, query.GetProperty("id").GetString());
        Assert.Equal("go", query.GetProperty("data").GetString());
        Assert.Equal(user.Id, query.GetProperty("from").GetProperty("id").GetInt64());
        await api.OkAsync("answerCallbackQuery", ("callback_query_id", queryId), ("text", "Done"));
        Assert.Equal("Done", w.GetCallbackAnswer(queryId)!.Text);
        var (status, body) = await api.FormAsync("answerCallbackQuery", ("callback_query_id", queryId));
        TestWorlds.AssertError(status, body, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
    }
}
