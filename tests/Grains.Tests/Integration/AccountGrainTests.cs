using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Integration;

/// <summary>Account grains on silos of an in-process Orleans cluster against the simulator over HTTP: log-in, the session kept
/// in the grain's state, flood waits as cooldowns, limits, placement by session capacity, the fleet registry.</summary>
[Trait("Category", "Cluster")]
public sealed class AccountGrainTests
{
    private static PairConfiguration Pair(TestAccount account, SimChatInfo source, SimChatInfo[] destinations) => new()
    {
        AccountId = account.AccountId,
        SourceChat = "@" + source.Username,
        Destinations = destinations.Select(d => "@" + d.Username).ToList(),
    };

    /// <summary>Successful log-in codes submitted (tests using it have a single account).</summary>
    private static int LogIns(ForwardingCluster cluster, TestAccount account)
        => cluster.Simulator.Calls.Records(SimClientKind.Account, status: 200, method: "code").Count;

    [Fact]
    public async Task Logs_in_with_code_and_password_and_resumes_from_its_stored_session_on_another_silo_without_logging_in_again()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var first = cluster.Silos[0];
        var account = await cluster.AddLoggedInAccountAsync("resumer", password: "correct horse");
        var identity = (await account.Grain.GetStatusAsync()).Identity;
        Assert.Equal(account.UserId, identity?.UserId);
        Assert.Equal(1, LogIns(cluster, account));

        var second = await cluster.StartSiloAsync();
        await cluster.StopSiloAsync(first);

        // The keeper brings the always-on account back on the remaining silo, from its stored session.
        var status = await Eventually.WaitAsync(() => second.Grains().GetGrain<IAccountGrain>("resumer").GetStatusAsync(),
            s => s.State == AccountState.Active, "the account active again");
        Assert.Equal(account.UserId, status.Identity?.UserId);
        Assert.Equal(1, LogIns(cluster, account));
        Assert.Equal(0, cluster.World.AuthKeyDuplicatedCount);
        Assert.Equal(second.SiloAddress, await cluster.Cluster.LocateAsync(GrainId.Create("account", "resumer")));

        // Neither the api_hash nor the session is stored readable.
        var id = GrainId.Create("account", "resumer");
        var stored = cluster.Cluster.States.ReadText("account", id);
        Assert.NotNull(stored);
        Assert.DoesNotContain("api-hash-of-resumer", stored);
        var session = cluster.Cluster.States.ReadText("session", id);
        Assert.NotNull(session);
        Assert.DoesNotContain("simulator-session", session);
    }

    [Fact]
    public async Task An_account_whose_silo_crashed_comes_back_on_the_other_silo_from_its_stored_session()
    {
        await using var cluster = await ForwardingCluster.StartAsync(silos: 2);
        var account = await cluster.AddLoggedInAccountAsync("crasher");
        var id = GrainId.Create("account", "crasher");
        var crashed = cluster.Cluster.Silo(await cluster.Cluster.LocateAsync(id))!;
        var survivor = cluster.Silos.Single(s => s != crashed);

        await cluster.Cluster.KillSiloAsync(crashed);

        // Nobody calls the account: the keeper on the survivor, whose range grew, brings it back from its stored session.
        await Eventually.WaitAsync<SiloAddress?>(() => cluster.Cluster.LocateAsync(id), l => survivor.SiloAddress.Equals(l), "the account on the survivor");
        var status = await Eventually.WaitAsync(() => survivor.Grains().GetGrain<IAccountGrain>("crasher").GetStatusAsync(),
            s => s.State == AccountState.Active, "the account active again");
        Assert.Equal(account.UserId, status.Identity?.UserId);
        Assert.Equal(1, LogIns(cluster, account));
        Assert.Equal(0, cluster.World.AuthKeyDuplicatedCount);
    }

    [Fact]
    public async Task Stop_goes_offline_and_start_resumes_the_session_and_catches_up_what_was_posted_meanwhile()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("stopper");
        var (source, destinations) = cluster.AddChannels(account, "stopper");
        var pair = await cluster.AddPairAsync("stopper-pair", Pair(account, source, destinations));
        cluster.World.PostToChannel(source.Id, "while running");
        await Eventually.WaitAsync(() => cluster.Texts(destinations[0].Id), t => t.Count == 1, "the first post");

        var stopped = await account.Grain.StopAsync();
        Assert.Equal(AccountState.Offline, stopped.State);
        cluster.World.PostToChannel(source.Id, "while stopped");
        await Eventually.WaitAsync(pair.GetStatusAsync, s => s.Statistics.Received == 1 && s.State == PairState.Running, "the pair idle");
        Assert.Single(cluster.Texts(destinations[0].Id));

        var restarted = await account.Grain.RestartAsync();
        Assert.Equal(AccountState.Active, restarted.State);
        Assert.Equal(1, restarted.Restarts);
        await Eventually.WaitAsync(() => cluster.Texts(destinations[0].Id), t => t.Count == 2, "the post made while stopped");
        Assert.Equal(["while running", "while stopped"], cluster.Texts(destinations[0].Id));
        Assert.Equal(1, LogIns(cluster, account));
    }

    /// <summary>The flood wait injected is 4 s (not Telegram's 30 s, to keep the test short); with the default multiplier
    /// of 1.5 the account cools down for 6 s.</summary>
    [Fact]
    public async Task A_flood_wait_becomes_a_cooldown_the_accounts_pairs_wait_then_deliver_everything_and_another_account_is_unaffected()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var flooded = await cluster.AddLoggedInAccountAsync("flooded");
        var healthy = await cluster.AddLoggedInAccountAsync("healthy");
        var (floodedSource, floodedDestinations) = cluster.AddChannels(flooded, "flooded");
        var (healthySource, healthyDestinations) = cluster.AddChannels(healthy, "healthy");
        var floodedPair = await cluster.AddPairAsync("flooded-pair", Pair(flooded, floodedSource, floodedDestinations));
        await cluster.AddPairAsync("healthy-pair", Pair(healthy, healthySource, healthyDestinations));
        cluster.Simulator.Faults.Add(new SimFaultRule(SimFaultKind.FloodWait, SimClientKind.Account, flooded.UserId, "forward", Count: 1, RetryAfterSeconds: 4));
        var before = DateTimeOffset.UtcNow;

        for (var i = 1; i <= 3; i++) cluster.World.PostToChannel(floodedSource.Id, $"flooded {i}");

        var cooling = await Eventually.WaitAsync(flooded.Grain.GetStatusAsync, s => s.State == AccountState.Cooldown, "the cooldown");
        Assert.InRange(cooling.CooldownUntil!.Value, before + TimeSpan.FromSeconds(6), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6));
        Assert.Equal(1, cooling.Counters.FloodWaits);
        Assert.Equal(PairState.WaitingForAccount, (await floodedPair.GetStatusAsync()).State);
        Assert.Empty(cluster.Texts(floodedDestinations[0].Id));

        for (var i = 1; i <= 3; i++) cluster.World.PostToChannel(healthySource.Id, $"healthy {i}");
        await Eventually.WaitAsync(() => cluster.Texts(healthyDestinations[0].Id), t => t.Count == 3, "the healthy account's posts");
        Assert.Equal(0, (await healthy.Grain.GetStatusAsync()).Counters.FloodWaits);

        await Eventually.WaitAsync(() => cluster.Texts(floodedDestinations[0].Id), t => t.Count == 3, "the flooded account's posts after the cooldown");
        Assert.Equal(["flooded 1", "flooded 2", "flooded 3"], cluster.Texts(floodedDestinations[0].Id));
        Assert.Equal(AccountState.Active, (await flooded.Grain.GetStatusAsync()).State);
        Assert.Equal(1, cluster.Simulator.Calls.CountError("FLOOD_WAIT"));
    }

    [Fact]
    public async Task The_hourly_send_limit_holds_back_what_exceeds_it()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("limited", hourlyLimit: 2);
        var (source, destinations) = cluster.AddChannels(account, "limited");
        var pair = await cluster.AddPairAsync("limited-pair", Pair(account, source, destinations));

        for (var i = 1; i <= 3; i++) cluster.World.PostToChannel(source.Id, $"post {i}");

        var waiting = await Eventually.WaitAsync(pair.GetStatusAsync, s => s.State == PairState.WaitingForAccount, "the pair waiting for the limit");
        Assert.Equal(["post 1", "post 2"], cluster.Texts(destinations[0].Id));
        Assert.Equal(1, waiting.PendingOperations);
        Assert.True(waiting.RetryAt > DateTimeOffset.UtcNow, "retries when the hour turns");
        var usage = (await account.Grain.GetStatusAsync()).Usage;
        Assert.Equal(2, usage.SentThisHour);
    }

    [Fact]
    public async Task An_unresolvable_source_puts_only_that_pair_in_error_with_a_reason_and_it_recovers_when_the_source_appears()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("resolver");
        var (source, destinations) = cluster.AddChannels(account, "good");
        var broken = await cluster.AddPairAsync("broken-pair", new PairConfiguration
        {
            AccountId = account.AccountId,
            SourceChat = "@missing_channel",
            Destinations = ["@" + destinations[0].Username],
        });
        await cluster.AddPairAsync("good-pair", Pair(account, source, destinations));

        var error = await broken.GetStatusAsync();
        Assert.Equal(PairState.Error, error.State);
        Assert.Contains("@missing_channel", error.LastError);
        Assert.Contains("USERNAME_NOT_OCCUPIED", error.LastError);
        cluster.World.PostToChannel(source.Id, "the good pair works");
        await Eventually.WaitAsync(() => cluster.Texts(destinations[0].Id), t => t.Count == 1, "the good pair's post");

        var owner = cluster.World.CreateUser("Late owner");
        var late = cluster.World.CreateChannel("Late", "missing_channel", owner.Id);
        await Eventually.WaitAsync(broken.GetStatusAsync, s => s.State == PairState.Running && s.SourceChatId == late.Id, "the broken pair resolved by its retries");
        cluster.World.PostToChannel(late.Id, "now it exists");
        await Eventually.WaitAsync(() => cluster.Texts(destinations[0].Id), t => t.Count == 2, "the recovered pair's post");
    }

    [Fact]
    public async Task A_destination_the_account_may_not_post_in_is_an_error_with_a_reason()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("reader");
        var (source, _) = cluster.AddChannels(account, "readonly", destinations: 0);
        var owner = cluster.World.CreateUser("Someone else");
        var foreign = cluster.World.CreateChannel("Not ours", "not_ours", owner.Id);

        var pair = await cluster.AddPairAsync("readonly-pair", Pair(account, source, [foreign]));

        var status = await pair.GetStatusAsync();
        Assert.Equal(PairState.Error, status.State);
        Assert.Contains("may not post in destination @not_ours", status.LastError);
        Assert.NotNull(status.RetryAt);
    }

    [Fact]
    public async Task The_fleet_registry_lists_accounts_and_pairs()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("listed");
        var (source, destinations) = cluster.AddChannels(account, "listed", destinations: 2);
        await cluster.AddPairAsync("listed-pair", Pair(account, source, destinations) with { Name = "news" });
        var registry = cluster.Grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);

        var accounts = await Eventually.WaitAsync(registry.ListAccountsAsync, a => a.Any(x => x.AccountId == "listed" && x.PairCount == 1), "the account listed with its pair");
        var pairs = await Eventually.WaitAsync(() => registry.ListPairsAsync("listed"), p => p.Count == 1 && p[0].State == PairState.Running, "the pair listed");

        var listed = accounts.Single(a => a.AccountId == "listed");
        Assert.Equal(AccountState.Active, listed.State);
        Assert.DoesNotContain(account.Phone[4..], listed.PhoneMasked ?? "");
        Assert.Equal("listed-pair", pairs[0].PairId);
        Assert.Equal("news", pairs[0].Name);
        Assert.Equal(2, pairs[0].DestinationCount);
        Assert.Empty(await registry.ListPairsAsync("someone-else"));
    }

    [Fact]
    public async Task Accounts_are_placed_by_free_session_capacity_and_kept_on_while_enabled()
    {
        // Two silos of equal capacity (per-silo session limits are not configurable yet): the silo with fewer sessions has
        // more free capacity.
        await using var cluster = await ForwardingCluster.StartAsync(silos: 2);
        var a = cluster.Silos[0];

        await cluster.AddLoggedInAccountAsync("placed-1", grains: a.Grains());
        await cluster.AddLoggedInAccountAsync("placed-2", grains: a.Grains());

        var first = await cluster.Cluster.LocateAsync(GrainId.Create("account", "placed-1"));
        var second = await cluster.Cluster.LocateAsync(GrainId.Create("account", "placed-2"));
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        var alwaysOn = await cluster.Cluster.AlwaysOnAsync();
        Assert.Contains(GrainId.Create("account", "placed-1"), alwaysOn);
        Assert.Contains(GrainId.Create("account", "placed-2"), alwaysOn);
    }
}
