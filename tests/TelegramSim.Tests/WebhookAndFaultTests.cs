using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Simulator;
using Cluster.TelegramSim.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.TelegramSim.Tests;

public sealed class WebhookAndFaultTests
{
    private sealed record Received(string? Secret, JsonElement Body);

    /// <summary>A webhook receiver on a free loopback port that fails its first <paramref name="failFirst"/> requests with 500.</summary>
    private static async Task<(WebApplication App, string Url, ConcurrentQueue<Received> Received)> StartReceiverAsync(int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var received = new ConcurrentQueue<Received>();
        var calls = 0;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            var doc = await JsonDocument.ParseAsync(http.Request.Body);
            if (Interlocked.Increment(ref calls) <= failFirst) return Results.StatusCode(500);
            received.Enqueue(new Received(http.Request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString(), doc.RootElement.Clone()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address + "/hook", received);
    }

    [Fact]
    public async Task Webhook_gets_updates_with_the_secret_header_and_failed_posts_are_retried()
    {
        await using var sim = await TestWorlds.StartAsync(o => o.Webhooks.InitialRetryDelay = TimeSpan.FromMilliseconds(100));
        var (receiver, url, received) = await StartReceiverAsync(failFirst: 2);
        await using var _ = receiver;
        var w = sim.World;
        var bot = w.CreateBot("hooked_bot");
        var user = w.CreateUser("Hal");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        await api.OkAsync("setWebhook", ("url", url), ("secret_token", "s3cret_token-1"));

        w.SendAsUser(user.Id, bot.UserId, "first");
        w.SendAsUser(user.Id, bot.UserId, "second");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (received.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var got = received.ToArray();
        Assert.Equal(2, got.Length);
        Assert.All(got, r => Assert.Equal("s3cret_token-1", r.Secret));
        Assert.Equal(["first", "second"], got.Select(r => r.Body.GetProperty("message").GetProperty("text").GetString()));
        var info = await api.OkAsync("getWebhookInfo");
        Assert.Equal(url, info.GetProperty("url").GetString());
        Assert.Equal(0, info.GetProperty("pending_update_count").GetInt32());
        Assert.Equal("Wrong response from the webhook: 500 Internal Server Error", info.GetProperty("last_error_message").GetString());
        Assert.Equal(2, w.GetDeliveries(bot.UserId).Count(d => d.Via == "webhook"));
    }

    [Fact]
    public async Task Injected_flood_wait_and_server_errors_hit_only_the_chosen_bot_and_method()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var bot = w.CreateBot("faulty_bot");
        var other = w.CreateBot("healthy_bot");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        using var otherApi = new BotApiTestClient(sim.BaseUrl, other.Token);

        var flood = sim.Faults.Add(SimFaultRule.FloodWaitFor(SimClientKind.Bot, bot.UserId, TimeSpan.FromSeconds(30), w.Now, method: "getMe"));
        var (status, body) = await api.FormAsync("getMe");
        Assert.Equal(429, status);
        Assert.InRange(body.GetProperty("parameters").GetProperty("retry_after").GetInt32(), 25, 30);
        await otherApi.OkAsync("getMe");
        await api.OkAsync("getWebhookInfo");
        sim.Faults.Remove(flood);
        await api.OkAsync("getMe");

        sim.Faults.Add(new SimFaultRule(SimFaultKind.ServerError, SimClientKind.Bot, bot.UserId, Count: 2));
        Assert.Equal(500, (await api.FormAsync("getMe")).Status);
        Assert.Equal(500, (await api.FormAsync("getMe")).Status);
        await api.OkAsync("getMe");

        sim.Faults.Add(new SimFaultRule(SimFaultKind.Latency, SimClientKind.Bot, bot.UserId, Count: 1, Delay: TimeSpan.FromMilliseconds(300)));
        await api.OkAsync("getMe");

        sim.Faults.Add(new SimFaultRule(SimFaultKind.DropConnection, SimClientKind.Bot, bot.UserId, Count: 1));
        await Assert.ThrowsAsync<HttpRequestException>(() => api.FormAsync("getMe"));
        await api.OkAsync("getMe");
        Assert.Empty(sim.Faults.List());
        Assert.Equal(2, sim.Calls.Count(500, SimClientKind.Bot, bot.UserId));
    }

    [Fact]
    public async Task Injected_flood_wait_reaches_an_account_as_FloodWaitException()
    {
        await using var sim = await TestWorlds.StartAsync();
        var acc = sim.World.CreateAccount("+15550001000", "Ivy");
        var dir = Path.Combine(Path.GetTempPath(), "sim-fault-" + Guid.NewGuid().ToString("N"));
        await using var client = new SimulatorAccountClient(new AccountConnection("ivy", 1, "h", null, dir), new SimulatorAccountClientOptions { BaseUrl = sim.BaseUrl });
        await client.StartAsync(default);
        await client.SubmitPhoneNumberAsync("+15550001000", default);
        await client.SubmitCodeAsync("12345", default);

        sim.Faults.Add(new SimFaultRule(SimFaultKind.FloodWait, SimClientKind.Account, acc.UserId, "me", Count: 1, RetryAfterSeconds: 7));
        var e = await Assert.ThrowsAsync<FloodWaitException>(() => client.GetMeAsync(default));
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Equal(acc.UserId, (await client.GetMeAsync(default)).Id);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Control_api_sets_up_a_world_and_reads_back_messages_and_answers()
    {
        await using var sim = await TestWorlds.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        var owner = await (await http.PostAsJsonAsync("sim/users", new { firstName = "Owner", username = "ctl_owner" })).Content.ReadFromJsonAsync<JsonElement>();
        var ownerId = owner.GetProperty("id").GetInt64();
        var chat = await (await http.PostAsJsonAsync("sim/chats", new { type = "channel", title = "Ctl", username = "ctl_chan", ownerUserId = ownerId })).Content.ReadFromJsonAsync<JsonElement>();
        var chatId = chat.GetProperty("id").GetInt64();
        var posted = await http.PostAsJsonAsync($"sim/chats/{chatId}/posts", new { text = "album", media = "photo", albumSize = 3 });
        Assert.True(posted.IsSuccessStatusCode);

        var messages = await http.GetFromJsonAsync<JsonElement>($"sim/chats/{chatId}/messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("Photo", messages[0].GetProperty("media").GetProperty("kind").GetString());
        Assert.Equal(messages[0].GetProperty("mediaGroupId").GetString(), messages[2].GetProperty("mediaGroupId").GetString());
        var bad = await http.PostAsJsonAsync("sim/chats", new { type = "forum", title = "x" });
        Assert.Equal(400, (int)bad.StatusCode);
        var counts = await http.GetFromJsonAsync<JsonElement>("sim/calls/counts");
        Assert.Equal(0, counts.GetProperty("tooManyRequests").GetInt64());
    }
}
