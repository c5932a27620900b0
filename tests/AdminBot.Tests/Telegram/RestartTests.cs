using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>The admin bot keeps its conversations, poll offset and refusals in the cluster: a restarted bot carries on.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class RestartTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_half_finished_add_worker_survives_a_restart_of_the_admin_bot_and_old_messages_are_not_answered_again()
    {
        var (phone, _) = Cluster.CreateTelegramAccount("restart-proof");
        using var chat = Cluster.AdminChat();
        using var stranger = Cluster.StrangerChat("Eve");
        Assert.Equal("Sorry, this bot only serves the cluster's administrators.", (await stranger.SendAsync("/workers")).Text);
        await chat.SendAsync("/add_worker");
        await chat.SendAsync("restart-proof");
        await chat.SendAsync("31337");
        Assert.StartsWith("Send the phone number", (await chat.SendAsync("abcdefabcdefabcdefabcdefabcdef12")).Text);
        var answeredBefore = (await chat.DialogAsync(includeDeleted: true)).Count(m => m.SenderUserId != chat.UserId);

        await Cluster.RestartBotAsync();

        var askCode = await chat.SendAsync(phone);
        Assert.StartsWith("Telegram sent a login code", askCode.Text);
        var done = await chat.SendAsync(SimulatedCluster.LoginCode);
        Assert.Equal("Worker restart-proof added and alive: logged in as @restart_proof_user.", done.Text);
        Assert.Equal(AccountState.Active, (await Cluster.Grains.GetGrain<IAccountGrain>("restart-proof").GetStatusAsync()).State);
        var answeredAfter = (await chat.DialogAsync(includeDeleted: true)).Count(m => m.SenderUserId != chat.UserId);
        Assert.Equal(answeredBefore + 2, answeredAfter);
        var strangerLast = (await stranger.DialogAsync()).Last().Id;
        var again = await stranger.WriteAsync("/workers");
        await chat.SendAsync("/help");
        Assert.Empty(await stranger.BotMessagesAfterAsync(again, TimeSpan.FromMilliseconds(300)));
        Assert.True(again > strangerLast);
    }
}
