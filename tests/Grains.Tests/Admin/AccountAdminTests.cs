using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Admin;

/// <summary>What the AdminBot's /workers, /worker_stats, /assign_channels and cancelled /add_worker, /add_pair need from the
/// account and pair grains, on an in-process Orleans cluster against the simulator.</summary>
[Trait("Category", "Cluster")]
public sealed class AccountAdminTests
{
    private static PairConfiguration Pair(TestAccount account, SimChatInfo source, SimChatInfo[] destinations) => new()
    {
        AccountId = account.AccountId,
        SourceChat = "@" + source.Username,
        Destinations = destinations.Select(d => "@" + d.Username).ToList(),
    };

    [Fact]
    public async Task Workers_lists_api_id_uptime_restarts_and_the_silo_of_each_account()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("listed-worker");
        var registry = cluster.Grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        await account.Grain.RestartAsync();

        var summary = (await Eventually.WaitAsync(registry.ListAccountsAsync,
            a => a.Any(x => x.AccountId == "listed-worker" && x.Restarts == 1 && x.State == AccountState.Active && x.ActiveSince is not null), "the restarted account listed"))
            .Single(x => x.AccountId == "listed-worker");
        var location = await cluster.Cluster.LocateAsync(GrainId.Create("account", "listed-worker"));

        Assert.Equal(12345, summary.ApiId);
        Assert.InRange(summary.ActiveSince!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.NotNull(location);
        var silo = Assert.Single(await cluster.Cluster.ActiveSilosAsync());
        Assert.Equal(silo, location);
    }

    [Fact]
    public async Task Worker_stats_merge_the_pairs_timings_and_keep_flood_waits_of_the_last_day_across_a_restart()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("stats");
        var (source1, destinations1) = cluster.AddChannels(account, "stats1");
        var (source2, destinations2) = cluster.AddChannels(account, "stats2");
        await cluster.AddPairAsync("stats-pair-1", Pair(account, source1, destinations1));
        await cluster.AddPairAsync("stats-pair-2", Pair(account, source2, destinations2));
        for (var i = 1; i <= 3; i++) cluster.World.PostToChannel(source1.Id, $"one {i}");
        for (var i = 1; i <= 2; i++) cluster.World.PostToChannel(source2.Id, $"two {i}");
        await Eventually.WaitAsync(() => cluster.Texts(destinations1[0].Id).Count + cluster.Texts(destinations2[0].Id).Count, n => n == 5, "five posts republished");
        cluster.Simulator.Faults.Add(new SimFaultRule(SimFaultKind.FloodWait, SimClientKind.Account, account.UserId, "forward", Count: 1, RetryAfterSeconds: 1));
        cluster.World.PostToChannel(source1.Id, "after the flood");
        await Eventually.WaitAsync(() => cluster.Texts(destinations1[0].Id), t => t.Count == 4, "the post after the flood wait");

        var stats = await Eventually.WaitAsync(account.Grain.GetStatisticsAsync, s => s.Forwarded == 6 && s.ForwardTime.Count == 6, "six forwards counted");
        Assert.Equal(["stats-pair-1", "stats-pair-2"], stats.PairIds);
        Assert.Equal(6, stats.Sent);
        Assert.Equal(0, stats.Failed);
        Assert.Equal(1.0, stats.SuccessRate);
        Assert.True(stats.ForwardTime.P95Ms >= stats.ForwardTime.P50Ms && stats.ForwardTime.P95Ms > 0, $"p95 {stats.ForwardTime.P95Ms} ms");
        Assert.Equal(6, stats.ProcessingTime.Count);
        Assert.Equal(1, stats.FloodWaitsLast24Hours);
        Assert.Equal(6, stats.SentLast24Hours);

        await cluster.StopSiloAsync(cluster.Silos[0]);
        var restarted = await cluster.StartSiloAsync();
        var after = await restarted.Grains().GetGrain<IAccountGrain>("stats").GetStatisticsAsync();
        Assert.Equal(1, after.FloodWaitsLast24Hours);
        Assert.Equal(6, after.SentLast24Hours);
        Assert.Equal(6, after.Forwarded);
        Assert.Equal(6, after.ForwardTime.Count);
    }

    [Fact]
    public async Task Assigning_a_pair_to_another_account_moves_it_without_loss_or_repeats_and_leaves_the_rest_alone()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var first = await cluster.AddLoggedInAccountAsync("first");
        var second = await cluster.AddLoggedInAccountAsync("second");
        var (movingSource, movingDestinations) = cluster.AddChannels(first, "moving");
        var (stayingSource, stayingDestinations) = cluster.AddChannels(first, "staying");
        cluster.World.MakeAdmin(movingDestinations[0].Id, second.UserId);
        var moving = await cluster.AddPairAsync("moving-pair", Pair(first, movingSource, movingDestinations));
        var staying = await cluster.AddPairAsync("staying-pair", Pair(first, stayingSource, stayingDestinations));
        var expected = new List<string>();
        for (var i = 1; i <= 3; i++) { expected.Add($"before {i}"); cluster.World.PostToChannel(movingSource.Id, $"before {i}"); }
        cluster.World.PostToChannel(stayingSource.Id, "staying 1");
        await Eventually.WaitAsync(() => cluster.Texts(movingDestinations[0].Id), t => t.Count == 3, "the first posts through the first account");
        var firstBefore = await first.Grain.GetStatusAsync();

        for (var i = 1; i <= 2; i++) { expected.Add($"during {i}"); cluster.World.PostToChannel(movingSource.Id, $"during {i}"); }
        var moved = await moving.AssignAccountAsync("second");
        for (var i = 1; i <= 3; i++) { expected.Add($"after {i}"); cluster.World.PostToChannel(movingSource.Id, $"after {i}"); }
        cluster.World.PostToChannel(stayingSource.Id, "staying 2");

        Assert.Equal("second", moved.AccountId);
        await Eventually.WaitAsync(() => cluster.Texts(movingDestinations[0].Id), t => t.Count >= expected.Count, "every post, once");
        await Eventually.WaitAsync(() => cluster.Texts(stayingDestinations[0].Id), t => t.Count == 2, "the other pair goes on");
        await Task.Delay(1500); // a repeat would show up within the catch-up interval
        Assert.Equal(expected, cluster.Texts(movingDestinations[0].Id));
        Assert.Equal(["staying 1", "staying 2"], cluster.Texts(stayingDestinations[0].Id));
        var afterMove = cluster.Messages(movingDestinations[0].Id).Where(m => m.Text!.StartsWith("after", StringComparison.Ordinal)).ToList();
        Assert.All(afterMove, m => Assert.Equal(second.UserId, m.PostedByUserId));
        var firstAfter = await first.Grain.GetStatusAsync();
        Assert.Equal(["staying-pair"], firstAfter.Subscriptions.Select(s => s.PairId));
        Assert.Equal(["moving-pair"], (await second.Grain.GetStatusAsync()).Subscriptions.Select(s => s.PairId));
        Assert.Equal(firstBefore.ActiveSince, firstAfter.ActiveSince);
        Assert.Equal(0, firstAfter.Restarts);
        Assert.Equal(0, (await moving.GetStatusAsync()).Statistics.PossibleDuplicates);
        Assert.Equal(PairState.Running, (await staying.GetStatusAsync()).State);
        var registry = cluster.Grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        await Eventually.WaitAsync(() => registry.ListPairsAsync("second"), p => p.Count == 1 && p[0].PairId == "moving-pair", "the registry shows the move");
    }

    [Fact]
    public async Task Deleting_a_pair_then_its_account_leaves_nothing_configured_behind()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("doomed");
        var (source, destinations) = cluster.AddChannels(account, "doomed");
        var pair = await cluster.AddPairAsync("doomed-pair", Pair(account, source, destinations));
        var registry = cluster.Grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        await Eventually.WaitAsync(() => registry.ListPairsAsync("doomed"), p => p.Count == 1, "the pair listed");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(account.Grain.DeleteAsync);
        Assert.Contains("doomed-pair", refused.Message);

        await pair.DeleteAsync();
        Assert.Empty(await registry.ListPairsAsync(null));
        Assert.DoesNotContain(GrainId.Create("pair", "doomed-pair"), await cluster.Cluster.AlwaysOnAsync());
        await account.Grain.DeleteAsync();

        Assert.DoesNotContain(GrainId.Create("account", "doomed"), await cluster.Cluster.AlwaysOnAsync());
        Assert.DoesNotContain(await registry.ListAccountsAsync(), a => a.AccountId == "doomed");
        await Task.Delay(2500); // two keeper rounds and housekeeping turns: nothing brings it back
        Assert.DoesNotContain(await registry.ListAccountsAsync(), a => a.AccountId == "doomed");
        Assert.Empty(cluster.Cluster.States.StateNames(GrainId.Create("account", "doomed")));
        Assert.Empty(cluster.Cluster.States.StateNames(GrainId.Create("pair", "doomed-pair")));
        var status = await account.Grain.GetStatusAsync();
        Assert.False(status.Configured);
        Assert.Equal(AccountState.Offline, status.State);
        await Task.Delay(1000); // the re-activated, empty account's housekeeping turns
        Assert.DoesNotContain(await registry.ListAccountsAsync(), a => a.AccountId == "doomed");
    }

    [Fact]
    public async Task A_worker_deleted_while_waiting_for_its_code_can_be_added_again_from_scratch()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var sim = cluster.World.CreateAccount("+15559990001", "retry", "retry_user");
        var grain = cluster.Grains.GetGrain<IAccountGrain>("retry");
        var configuration = new AccountConfiguration { ApiId = 777, ApiHash = "first-hash", PhoneNumber = "+15559990001" };
        await grain.ConfigureAsync(configuration);
        Assert.Equal(LoginStep.Code, (await grain.StartAsync()).LoginStep);

        await grain.DeleteAsync();
        var fresh = await grain.GetStatusAsync();
        Assert.False(fresh.Configured);
        Assert.Equal(AccountState.Offline, fresh.State);

        await grain.ConfigureAsync(configuration with { ApiId = 778, ApiHash = "second-hash" });
        Assert.Equal(LoginStep.Code, (await grain.StartAsync()).LoginStep);
        var code = await grain.SubmitCodeAsync(cluster.World.Options.Accounts.DefaultLoginCode);
        Assert.True(code.Accepted, code.Message);
        var status = await grain.GetStatusAsync();
        Assert.Equal(AccountState.Active, status.State);
        Assert.Equal(778, status.ApiId);
        Assert.Equal(sim.UserId, status.Identity!.UserId);
        var registry = cluster.Grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);
        await Eventually.WaitAsync(registry.ListAccountsAsync, a => a.Any(x => x.AccountId == "retry" && x.ApiId == 778 && x.State == AccountState.Active), "the re-added account listed");
    }
}
