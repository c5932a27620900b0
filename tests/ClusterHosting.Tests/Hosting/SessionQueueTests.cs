using Cluster.Grains;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Hosting.Leases;
using Cluster.Hosting.Leases.Postgres;
using Cluster.Hosting.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Cluster.Hosting.Tests.Hosting;

/// <summary>The per-silo session slots, the overflow queue (state Queued) and rebalancing, with the real account grain (its
/// Telegram faked, <see cref="FakeTelegram"/>) on silos configured as the product's, on PostgreSQL. The assertions are on
/// states and session counts, reached within generous timeouts, not on timings.</summary>
[Trait("Category", "Postgres")]
public sealed class SessionQueueTests : IDisposable
{
    private readonly string _sessionRoot = Path.Combine(Path.GetTempPath(), $"queue-tests-{Guid.NewGuid():N}");
    private readonly FakeTelegram _telegram = new();

    private Dictionary<string, string?> Settings(FreshDatabase database, string cluster, int capacity) => new()
    {
        ["Cluster:Storage:Provider"] = "Postgres",
        ["Cluster:Storage:ConnectionString"] = database.ConnectionString,
        ["Cluster:ClusterId"] = cluster,
        ["Cluster:Tls:Mode"] = "Disabled",
        ["Cluster:AlwaysOn:KeepAliveInterval"] = "00:00:01",
        ["Cluster:Sessions:Capacity"] = capacity.ToString(),
        ["Cluster:Sessions:LoadCacheDuration"] = "00:00:00",
        ["Cluster:Rebalancing:Interval"] = "00:00:01",
        ["Cluster:Accounts:SessionRoot"] = _sessionRoot,
        ["Telegram:Sessions:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    };

    private ProductSilos Silos(Dictionary<string, string?> settings) => new(settings, builder =>
    {
        builder.Services.AddForwardingGrains(builder.Configuration);
        _telegram.AddTo(builder.Services);
    });

    private static async Task StartAccountAsync(IClusterClient client, string id, int number, bool premium)
    {
        var account = client.GetGrain<IAccountGrain>(id);
        await account.ConfigureAsync(new AccountConfiguration
        {
            ApiId = 1000 + number,
            ApiHash = $"hash-{number}",
            PhoneNumber = $"+1555{number:D7}",
            Label = id,
            IsPremium = premium,
        });
        await account.StartAsync();
    }

    private static async Task<Dictionary<string, AccountState>> StatesAsync(IClusterClient client, IEnumerable<string> ids)
    {
        var ordered = ids.ToList();
        var states = await Task.WhenAll(ordered.Select(id => client.GetGrain<IAccountGrain>(id).GetStatusAsync()));
        return ordered.Zip(states).ToDictionary(p => p.First, p => p.Second.State);
    }

    private static string SiloName(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    /// <summary>Waits until the accounts' states and the sessions per silo are as expected; the failure says what was seen.</summary>
    private async Task ExpectAsync(IClusterClient client, IReadOnlyList<string> regular, IReadOnlyList<string> premium,
        int connected, int queued, IReadOnlyList<IHost> silos, int perSilo, string what)
    {
        var names = silos.Select(SiloName).ToList();
        var seen = "";
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var states = await StatesAsync(client, regular.Concat(premium));
            var open = _telegram.OpenPerSilo();
            var active = states.Values.Count(s => s == AccountState.Active);
            var waiting = states.Values.Count(s => s == AccountState.Queued);
            var premiumActive = premium.Count(p => states[p] == AccountState.Active);
            seen = $"{active} active, {waiting} queued, {premiumActive}/{premium.Count} premium active, sessions per silo "
                   + string.Join(", ", open.Select(kv => $"{kv.Key}: {kv.Value}"))
                   + $"; other states: {string.Join(", ", states.Values.Where(s => s is not (AccountState.Active or AccountState.Queued)))}";
            if (active == connected && waiting == queued && premiumActive == premium.Count
                && open.Count == names.Count && names.All(n => open.GetValueOrDefault(n) == perSilo))
                return;
            if (DateTime.UtcNow > until) Assert.Fail($"Not within 120 s: {what}. Seen: {seen}");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task Accounts_beyond_the_silos_capacity_wait_premium_first_and_connect_where_capacity_appears()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = Silos(Settings(database, "queue", capacity: 10));
        for (var i = 0; i < 3; i++) await cluster.StartSiloAsync();
        var client = await cluster.ClientAsync();
        var regular = Enumerable.Range(0, 30).Select(i => $"regular-{i}").ToList();
        var premium = Enumerable.Range(0, 5).Select(i => $"premium-{i}").ToList();

        // The premium accounts come last, when every silo is full: each takes the slot of a regular account.
        for (var i = 0; i < regular.Count; i++) await StartAccountAsync(client, regular[i], i, premium: false);
        for (var i = 0; i < premium.Count; i++) await StartAccountAsync(client, premium[i], 100 + i, premium: true);
        await ExpectAsync(client, regular, premium, connected: 30, queued: 5, cluster.Silos, perSilo: 10,
            "30 connected (10 per silo), 5 queued, the premium ones connected");

        // A silo leaves: its accounts come back on the other two only as their capacity allows, premium ones first.
        await cluster.StopSiloAsync(cluster.Silos[1]);
        await ExpectAsync(client, regular, premium, connected: 20, queued: 15, cluster.Silos, perSilo: 10,
            "20 connected on the two silos left, 15 queued, the premium ones connected");

        // A silo joins: it pulls queued accounts until it is full.
        await cluster.StartSiloAsync();
        await ExpectAsync(client, regular, premium, connected: 30, queued: 5, cluster.Silos, perSilo: 10,
            "30 connected again (10 on the new silo), 5 queued");

        Assert.All(_telegram.MostOpenPerSilo(), kv => Assert.True(kv.Value <= 10, $"silo {kv.Key} had {kv.Value} sessions open at once"));
        Assert.Equal(0, _telegram.OpenedTwice);
    }

    /// <summary>Sessions per silo, once they stay as expected for a few rebalancing rounds.</summary>
    private async Task ExpectSessionsAsync(IReadOnlyList<IHost> silos, int perSilo, string what)
    {
        var names = silos.Select(SiloName).ToList();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        var steadySince = DateTime.MaxValue;
        while (true)
        {
            var open = _telegram.OpenPerSilo();
            if (open.Count == names.Count && names.All(n => open.GetValueOrDefault(n) == perSilo))
            {
                if (steadySince == DateTime.MaxValue) steadySince = DateTime.UtcNow;
                if (DateTime.UtcNow - steadySince > TimeSpan.FromSeconds(5)) return;
            }
            else steadySince = DateTime.MaxValue;
            if (DateTime.UtcNow > until)
                Assert.Fail($"Not within 120 s: {what}. Seen: {string.Join(", ", open.Select(kv => $"{kv.Key}: {kv.Value}"))}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Uneven_silos_even_out_a_few_accounts_at_a_time_and_no_account_goes_back_to_a_silo_it_left()
    {
        await using var database = await FreshDatabase.CreateAsync();
        var settings = Settings(database, "balance", capacity: 20);
        settings["Cluster:Rebalancing:MinimumSpread"] = "3";
        settings["Cluster:Rebalancing:MaxMovesPerRound"] = "2";
        settings["Cluster:Rebalancing:BalanceCooldown"] = "00:00:01";
        settings["Cluster:Rebalancing:SettleTime"] = "00:00:08";
        await using var cluster = Silos(settings);
        await cluster.StartSiloAsync();
        var client = await cluster.ClientAsync();
        var accounts = Enumerable.Range(0, 12).Select(i => $"balanced-{i}").ToList();
        for (var i = 0; i < accounts.Count; i++) await StartAccountAsync(client, accounts[i], i, premium: false);
        Assert.Equal(12, _telegram.OpenPerSilo().Single().Value);

        // A second silo: it pulls two at a time until both hold the mean, then nothing moves any more.
        await cluster.StartSiloAsync();
        await ExpectSessionsAsync(cluster.Silos, perSilo: 6, "6 sessions on each of two silos");
        Assert.Equal(6, accounts.Sum(_telegram.Moves));

        // A third: 4 each. The accounts that just arrived on the second silo stay there until they have settled.
        await cluster.StartSiloAsync();
        await ExpectSessionsAsync(cluster.Silos, perSilo: 4, "4 sessions on each of three silos");
        Assert.Equal(10, accounts.Sum(_telegram.Moves));
        Assert.All((await StatesAsync(client, accounts)).Values, s => Assert.Equal(AccountState.Active, s));
        foreach (var account in accounts)
        {
            // The silos it was on, a reconnection on the same silo counted once: none twice.
            var history = _telegram.Connections(account);
            var path = history.Where((silo, i) => i == 0 || history[i - 1] != silo).ToList();
            Assert.True(path.Count == path.Distinct().Count(), $"{account} went back to a silo it had left: {string.Join(" -> ", path)}");
        }
        Assert.Equal(0, _telegram.OpenedTwice);
    }

    [Fact]
    public async Task Accounts_whose_leases_ran_out_while_their_silo_paused_connect_again_on_the_same_silo()
    {
        await using var database = await FreshDatabase.CreateAsync();
        var settings = Settings(database, "lease-pause", capacity: 20);
        settings["Cluster:Rebalancing:Enabled"] = "false";
        await using var cluster = new ProductSilos(settings, builder =>
        {
            builder.Services.AddForwardingGrains(builder.Configuration);
            _telegram.AddTo(builder.Services);
            builder.Services.AddSingleton<ISessionLeaseStore>(sp =>
                new PausingLeaseStore(new PostgresSessionLeaseStore(sp.GetRequiredService<NpgsqlDataSource>())));
        });
        var paused = await cluster.StartSiloAsync();
        var client = await cluster.ClientAsync();
        var accounts = Enumerable.Range(0, 6).Select(i => $"paused-{i}").ToList();
        for (var i = 0; i < accounts.Count; i++) await StartAccountAsync(client, accounts[i], i, premium: false);
        // A second silo with every slot free: where the keeper would place an account that stepped down.
        await cluster.StartSiloAsync();
        var home = SiloName(paused);
        Assert.All(accounts, a => Assert.Equal(home, _telegram.SiloOf(a)));

        // The silo's lease renewals come late, past the leases' safety margin (as when the silo pauses): every session is
        // closed, and connected again where it was.
        ((PausingLeaseStore)paused.Services.GetRequiredService<ISessionLeaseStore>()).PauseRenewals(TimeSpan.FromSeconds(4));
        await ProductSilos.EventuallyAsync(
            () => Task.FromResult(accounts.All(a => _telegram.Connections(a).Count >= 2 && _telegram.SiloOf(a) is not null)),
            TimeSpan.FromSeconds(60), "every account connected again after losing its lease");
        Assert.All((await StatesAsync(client, accounts)).Values, s => Assert.Equal(AccountState.Active, s));
        foreach (var account in accounts)
            Assert.True(_telegram.Connections(account).All(s => s == home), $"{account} connected elsewhere: {string.Join(" -> ", _telegram.Connections(account))}");
        Assert.Equal(0, _telegram.OpenedTwice);
    }

    private static async Task<AccountState> EventuallyStateAsync(IClusterClient client, string id, AccountState expected)
    {
        var state = AccountState.Offline;
        await ProductSilos.EventuallyAsync(async () => (state = (await client.GetGrain<IAccountGrain>(id).GetStatusAsync()).State) == expected,
            TimeSpan.FromSeconds(60), $"{id} {expected} (is {state})");
        return state;
    }

    [Fact]
    public async Task A_slot_freed_by_a_stopped_or_deleted_account_goes_to_the_head_of_the_queue()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = Silos(Settings(database, "queue-order", capacity: 3));
        var silo = await cluster.StartSiloAsync();
        var slots = silo.Services.GetRequiredService<Cluster.Hosting.Placement.SessionSlots>();
        var client = await cluster.ClientAsync();
        string[] first = ["first-0", "first-1", "first-2"];
        for (var i = 0; i < first.Length; i++) await StartAccountAsync(client, first[i], i, premium: false);
        await StartAccountAsync(client, "later-0", 10, premium: false);
        await StartAccountAsync(client, "later-1", 11, premium: false);
        Assert.Equal(AccountState.Queued, (await client.GetGrain<IAccountGrain>("later-0").GetStatusAsync()).State);

        // A premium account takes the slot of the regular account that connected last, which waits ahead of the later ones.
        await StartAccountAsync(client, "premium", 20, premium: true);
        await EventuallyStateAsync(client, "premium", AccountState.Active);
        await EventuallyStateAsync(client, "first-2", AccountState.Queued);
        Assert.Equal(3, slots.Load().Queued);

        // Slots freed by a stop and a deletion go to the queue's head, in order.
        await client.GetGrain<IAccountGrain>("first-0").StopAsync();
        await EventuallyStateAsync(client, "first-2", AccountState.Active);
        Assert.Equal(AccountState.Queued, (await client.GetGrain<IAccountGrain>("later-0").GetStatusAsync()).State);
        await client.GetGrain<IAccountGrain>("first-1").DeleteAsync();
        await EventuallyStateAsync(client, "later-0", AccountState.Active);
        Assert.Equal(AccountState.Queued, (await client.GetGrain<IAccountGrain>("later-1").GetStatusAsync()).State);

        // Made premium while waiting, an account goes ahead: here it takes the slot of the regular account that connected last.
        var status = await client.GetGrain<IAccountGrain>("later-1").GetStatusAsync();
        await client.GetGrain<IAccountGrain>("later-1").ConfigureAsync(new AccountConfiguration
        {
            ApiId = status.ApiId, ApiHash = "hash-11", PhoneNumber = "+15550000011", Label = "later-1", IsPremium = true,
        });
        await EventuallyStateAsync(client, "later-1", AccountState.Active);
        await EventuallyStateAsync(client, "later-0", AccountState.Queued);

        // A queued account that is stopped leaves the queue.
        Assert.Equal(AccountState.Offline, (await client.GetGrain<IAccountGrain>("later-0").StopAsync()).State);
        Assert.Equal(new Cluster.Hosting.Placement.SessionLoad(3, 3) { MovableHeld = 3 }, slots.Load());
        Assert.Equal(3, _telegram.OpenPerSilo().Single().Value);
        Assert.Equal(0, _telegram.OpenedTwice);
    }

    public void Dispose()
    {
        try { Directory.Delete(_sessionRoot, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
    }
}
