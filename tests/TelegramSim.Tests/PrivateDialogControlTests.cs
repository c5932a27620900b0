using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Simulator;

namespace Cluster.TelegramSim.Tests;

/// <summary>The control routes a test uses to talk to a bot as a user and to expire a log-in code.</summary>
public sealed class PrivateDialogControlTests
{
    [Fact]
    public async Task A_user_writes_to_a_bot_and_reads_the_dialog_including_deleted_messages_over_the_control_api()
    {
        await using var sim = await TestWorlds.StartAsync();
        var user = sim.World.CreateUser("Admin");
        var bot = sim.World.CreateBot("dialog_test_bot");
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };

        var sent = await http.PostAsJsonAsync($"sim/chats/{bot.UserId}/messages", new { text = "/help", fromUserId = user.Id });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var own = (await sent.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetInt64();
        using var botApi = new HttpClient { BaseAddress = sim.BotApiUrl(bot.Token) };
        Assert.Equal(HttpStatusCode.OK, (await botApi.PostAsJsonAsync("sendMessage", new { chat_id = user.Id, text = "the reply" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await botApi.PostAsJsonAsync("deleteMessage", new { chat_id = user.Id, message_id = own })).StatusCode);

        var live = await http.GetFromJsonAsync<JsonElement>($"sim/users/{user.Id}/dialogs/{bot.UserId}/messages");
        Assert.Equal(new List<string> { "the reply" }, live.EnumerateArray().Select(m => m.GetProperty("text").GetString() ?? "").ToList());
        var all = await http.GetFromJsonAsync<JsonElement>($"sim/users/{user.Id}/dialogs/{bot.UserId}/messages?includeDeleted=true");
        Assert.Equal(new List<string> { "/help", "the reply" }, all.EnumerateArray().Select(m => m.GetProperty("text").GetString() ?? "").ToList());
        Assert.Equal(user.Id, all[0].GetProperty("senderUserId").GetInt64());
    }

    [Fact]
    public async Task An_expired_code_is_refused_until_the_phone_number_is_sent_again()
    {
        await using var sim = await TestWorlds.StartAsync();
        var account = sim.World.CreateAccount("+1 555 000 0777", "Expiring", loginCode: "13579");
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        var dir = Path.Combine(Path.GetTempPath(), "sim-expire-" + Guid.NewGuid().ToString("N"));
        await using var client = new SimulatorAccountClient(new AccountConnection("acc-exp", 1, "hash", null, dir),
            new SimulatorAccountClientOptions { BaseUrl = sim.BaseUrl, PollTimeout = TimeSpan.FromSeconds(5), RetryDelay = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(AuthorizationState.WaitPhoneNumber, await client.StartAsync(default));
        Assert.Equal(AuthorizationState.WaitCode, await client.SubmitPhoneNumberAsync("+15550000777", default));

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"sim/accounts/{account.UserId}/expire-code", null)).StatusCode);
        var expired = await Assert.ThrowsAsync<LoginException>(() => client.SubmitCodeAsync("13579", default));
        Assert.Equal("PHONE_CODE_EXPIRED", expired.TelegramMessage);

        Assert.Equal(AuthorizationState.WaitCode, await client.SubmitPhoneNumberAsync("+15550000777", default));
        Assert.Equal(AuthorizationState.Ready, await client.SubmitCodeAsync("13579", default));
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
