using System.Net;
using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Registry;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>/add_worker as a conversation in Telegram, against the admin bot process, a silo process and simulated
/// Telegram accounts with login codes and 2FA passwords.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class AddWorkerTests(ClusterFixture fixture)
{
    private const string ApiHash = "00112233445566778899aabbccddeeff";
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Add_worker_with_code_and_2fa_password_ends_active_and_deletes_the_secret_messages()
    {
        var (phone, userId) = Cluster.CreateTelegramAccount("fresh", password: "open sesame");
        using var chat = Cluster.AdminChat();

        var start = await chat.SendAsync("/add_worker");
        Assert.StartsWith("Adding a worker.", start.Text);
        Assert.StartsWith("Send the worker's api_id", (await chat.SendAsync("fresh")).Text);
        Assert.StartsWith("Send the api_hash", (await chat.SendAsync("4242")).Text);
        var hashMessage = await chat.WriteAsync(ApiHash);
        var askPhone = (await chat.BotMessagesAfterAsync(hashMessage, TimeSpan.FromSeconds(30))).Single();
        Assert.StartsWith("Send the phone number", askPhone.Text);
        var askCode = await chat.SendAsync(phone);
        Assert.StartsWith("Telegram sent a login code to +15*****", askCode.Text);
        var codeMessage = await chat.WriteAsync("2 4 6 8 0");
        var askPassword = (await chat.BotMessagesAfterAsync(codeMessage, TimeSpan.FromSeconds(30))).Single();
        Assert.StartsWith("The account has two-step verification.", askPassword.Text);
        var passwordMessage = await chat.WriteAsync("open sesame");
        var done = (await chat.BotMessagesAfterAsync(passwordMessage, TimeSpan.FromSeconds(30))).Single();

        Assert.Equal("Worker fresh added and alive: logged in as @fresh_user.", done.Text);
        var status = await Cluster.Grains.GetGrain<IAccountGrain>("fresh").GetStatusAsync();
        Assert.Equal(AccountState.Active, status.State);
        Assert.Equal(userId, status.Identity?.UserId);
        Assert.Equal(4242, status.ApiId);
        var dialog = (await chat.DialogAsync(includeDeleted: true)).Where(m => m.Id >= start.Id - 1).ToList();
        Assert.All(dialog.Where(m => m.Id is var id && (id == hashMessage || id == codeMessage || id == passwordMessage)), m => Assert.True(m.Deleted, $"'{m.Text}' not deleted"));
        Assert.Equal(3, dialog.Count(m => m.Deleted));
        Assert.DoesNotContain(dialog, m => m.SenderUserId != chat.UserId && (m.Text.Contains(ApiHash) || m.Text.Contains("open sesame") || m.Text.Contains(phone)));
        var audit = await Cluster.Grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).ListRecentAsync(50);
        var entry = Assert.Single(audit, e => e.Command == "add_worker" && e.Arguments.StartsWith("fresh ", StringComparison.Ordinal));
        Assert.True(entry.Ok);
        Assert.Equal(Cluster.Admin.Id, entry.AdminUserId);
        Assert.DoesNotContain(ApiHash, entry.Arguments);
    }

    [Fact]
    public async Task A_wrong_code_is_asked_again_up_to_the_limit_then_the_half_added_worker_is_removed()
    {
        var (phone, _) = Cluster.CreateTelegramAccount("unlucky");
        using var chat = Cluster.AdminChat();
        await StartUpToTheCodeAsync(chat, "unlucky", phone);

        Assert.Equal("Wrong login code (attempt 1 of 3). Send it again, or /cancel.", (await chat.SendAsync("11111")).Text);
        Assert.Equal("Wrong login code (attempt 2 of 3). Send it again, or /cancel.", (await chat.SendAsync("22222")).Text);
        var last = await chat.SendAsync("33333");

        Assert.Equal("Wrong login code 3 times. Worker unlucky was removed. Start again with /add_worker.", last.Text);
        await AssertRemovedAsync("unlucky");
        Assert.Equal("Nothing is waiting for an answer. /help lists the commands.", (await chat.SendAsync("24680")).Text);
    }

    [Fact]
    public async Task An_expired_code_is_answered_clearly_and_removes_the_half_added_worker()
    {
        var (phone, userId) = Cluster.CreateTelegramAccount("late");
        using var chat = Cluster.AdminChat();
        await StartUpToTheCodeAsync(chat, "late", phone);
        using (var http = new HttpClient { BaseAddress = Cluster.Simulator.BaseUrl })
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"sim/accounts/{userId}/expire-code", null)).StatusCode);

        var reply = await chat.SendAsync(SimulatedCluster.LoginCode);

        Assert.Equal("The login code has expired. Worker late was removed. Start again with /add_worker.", reply.Text);
        await AssertRemovedAsync("late");
    }

    [Fact]
    public async Task A_wrong_2fa_password_is_asked_again_and_the_right_one_logs_in()
    {
        var (phone, _) = Cluster.CreateTelegramAccount("guarded", password: "right one");
        using var chat = Cluster.AdminChat();
        await StartUpToTheCodeAsync(chat, "guarded", phone);
        Assert.StartsWith("The account has two-step verification.", (await chat.SendAsync(SimulatedCluster.LoginCode)).Text);

        Assert.Equal("Wrong password (attempt 1 of 3). Send it again, or /cancel.", (await chat.SendAsync("wrong one")).Text);
        var done = await chat.SendAsync("right one");

        Assert.Equal("Worker guarded added and alive: logged in as @guarded_user.", done.Text);
        Assert.Equal(AccountState.Active, (await Cluster.Grains.GetGrain<IAccountGrain>("guarded").GetStatusAsync()).State);
    }

    [Fact]
    public async Task Cancel_at_the_code_step_removes_the_worker_and_ends_the_conversation()
    {
        var (phone, _) = Cluster.CreateTelegramAccount("changed-mind");
        using var chat = Cluster.AdminChat();
        await StartUpToTheCodeAsync(chat, "changed-mind", phone);

        var cancelled = await chat.SendAsync("/cancel");

        Assert.Equal("/add_worker cancelled. Worker changed-mind was removed.", cancelled.Text);
        await AssertRemovedAsync("changed-mind");
        Assert.Equal("Nothing to cancel.", (await chat.SendAsync("/cancel")).Text);
    }

    [Theory]
    [InlineData("no spaces allowed", "'no spaces allowed' is not a valid account id: use letters, digits, '-' and '_' (up to 32). Send another.")]
    [InlineData("listed-twice", "A worker 'listed-twice' exists already. Send another account id.")]
    public async Task A_bad_account_id_is_asked_again(string answer, string expected)
    {
        var registry = Cluster.Grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        if ((await registry.ListAccountsAsync()).All(a => a.AccountId != "listed-twice")) await Cluster.AddActiveWorkerAsync("listed-twice");
        using var chat = Cluster.AdminChat();
        await chat.SendAsync("/add_worker");
        try
        {
            Assert.Equal(expected, (await chat.SendAsync(answer)).Text);
            Assert.Equal("The api_id is a positive number (from my.telegram.org). Send it again.", (await Next(chat, "ok-id", "x12")).Text);
        }
        finally
        {
            await chat.SendAsync("/cancel");
        }
    }

    private static async Task<DialogMessage> Next(AdminChat chat, string id, string badApiId)
    {
        await chat.SendAsync(id);
        return await chat.SendAsync(badApiId);
    }

    private static async Task StartUpToTheCodeAsync(AdminChat chat, string id, string phone)
    {
        await chat.SendAsync("/add_worker");
        await chat.SendAsync(id);
        await chat.SendAsync("777");
        await chat.SendAsync(ApiHash);
        var askCode = await chat.SendAsync(phone);
        Assert.StartsWith("Telegram sent a login code", askCode.Text);
    }

    private async Task AssertRemovedAsync(string id)
    {
        var registry = Cluster.Grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        Assert.DoesNotContain(await registry.ListAccountsAsync(), a => a.AccountId == id);
        var status = await Cluster.Grains.GetGrain<IAccountGrain>(id).GetStatusAsync();
        Assert.False(status.Configured, $"{id} is still configured: {status.State}");
    }
}
