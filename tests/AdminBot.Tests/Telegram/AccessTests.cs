using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>Only allow-listed admins are answered; state-changing commands are audited.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class AccessTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_non_admin_gets_exactly_one_polite_refusal_and_no_command_runs()
    {
        var (id, _, _) = await Cluster.AddActiveWorkerAsync("protected-worker");
        using var stranger = Cluster.StrangerChat("Mallory");

        var first = await stranger.SendAsync($"/stop_worker {id}");
        Assert.Equal("Sorry, this bot only serves the cluster's administrators.", first.Text);
        var second = await stranger.WriteAsync("/workers");
        var third = await stranger.WriteAsync($"/stop_worker {id}");
        // The admin's next reply proves the bot has handled the stranger's later messages (updates are handled in order).
        using (var admin = Cluster.AdminChat()) await admin.SendAsync("/help");

        Assert.Empty(await stranger.BotMessagesAfterAsync(first.Id, TimeSpan.FromMilliseconds(500)));
        Assert.True(third > second);
        Assert.Equal(AccountState.Active, (await Cluster.Grains.GetGrain<IAccountGrain>(id).GetStatusAsync()).State);
        var audit = await Cluster.Grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).ListRecentAsync(200);
        Assert.DoesNotContain(audit, e => e.AdminUserId == stranger.UserId);
    }

    [Fact]
    public async Task A_state_changing_command_is_written_to_the_audit_log_with_who_what_when_and_result()
    {
        var (id, _, _) = await Cluster.AddActiveWorkerAsync("audited");
        using var chat = Cluster.AdminChat();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        await chat.SendAsync($"/restart_worker {id}");
        await chat.SendAsync($"/worker_stats {id}");

        var audit = await Cluster.Grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).ListRecentAsync(50);
        var entry = Assert.Single(audit, e => e.Command == "restart_worker" && e.Arguments == id);
        Assert.Equal(Cluster.Admin.Id, entry.AdminUserId);
        Assert.True(entry.Ok);
        Assert.InRange(entry.At, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.StartsWith("@alice_admin via Telegram: Worker audited restarted", entry.Message);
        Assert.DoesNotContain(audit, e => e.Command == "worker_stats");
    }
}
