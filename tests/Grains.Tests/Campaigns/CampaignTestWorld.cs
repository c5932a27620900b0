using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Campaigns;

/// <summary>One campaign test's world: an Orleans test cluster against the in-process simulator (limits off unless a test turns
/// them on), accounts with high send limits, chunks of 100 recipients and short rests, and helpers to make recipients and read
/// what each received.</summary>
internal sealed class CampaignTestWorld : IAsyncDisposable
{
    private int _nextPhone = 1;
    private int _nextRecipient = 1;

    private CampaignTestWorld(GrainCluster cluster) => Cluster = cluster;

    public GrainCluster Cluster { get; }
    public SimWorld World => Cluster.World;
    public IGrainFactory Grains => Cluster.Grains;

    public static async Task<CampaignTestWorld> StartAsync(int chunkSize = 100)
    {
        var options = new GrainClusterOptions { Silos = 1, Simulator = new TelegramSimulatorOptions { Limits = { Enabled = false } } }.WithFastTimings();
        options.Settings["Cluster:Accounts:DefaultHourlySendLimit"] = "100000";
        options.Settings["Cluster:Accounts:DefaultDailySendLimit"] = "100000";
        options.Settings["Cluster:Campaigns:ChunkSize"] = chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Settings["Cluster:Campaigns:NotActiveRest"] = "00:00:01";
        options.Settings["Cluster:Campaigns:InDoubtRecheck"] = "00:00:01";
        options.Settings["Cluster:Campaigns:ErrorBackoff"] = "00:00:01";
        return new CampaignTestWorld(await GrainCluster.StartAsync(options));
    }

    public async Task<TestAccount> AddAccountAsync(string accountId, bool premium = false)
    {
        var phone = $"+1666{_nextPhone++:D7}";
        var sim = World.CreateAccount(phone, accountId, accountId.Replace('-', '_') + "_acc", isPremium: premium);
        var grain = Grains.GetGrain<IAccountGrain>(accountId);
        await grain.ConfigureAsync(new AccountConfiguration { ApiId = 12345, ApiHash = "hash-" + accountId, PhoneNumber = phone, Label = "#campaign " + accountId });
        await grain.StartAsync();
        var code = await grain.SubmitCodeAsync(World.Options.Accounts.DefaultLoginCode);
        Assert.True(code.Accepted, code.Message);
        return new TestAccount(accountId, sim.UserId, phone, grain);
    }

    /// <summary>Plain users to write to, each with a username (@rcpt_N) and a phone number.</summary>
    public IReadOnlyList<SimUser> AddRecipients(int count)
    {
        var users = new List<SimUser>(count);
        for (var i = 0; i < count; i++)
        {
            var n = _nextRecipient++;
            var user = World.CreateUser("User" + n, $"rcpt_{n}");
            World.SetUserPhone(user.Id, $"+1777{n:D7}");
            users.Add(user);
        }
        return users;
    }

    public static CampaignDefinition Definition(string text, IEnumerable<TestAccount> accounts, bool start = true) => new()
    {
        Name = "test " + text,
        Message = new CampaignMessage([MessageText.Plain(text)]),
        Pool = new CampaignAccountPool(accounts.Select(a => a.AccountId).ToList()),
        Limits = new CampaignLimits { PerAccountHourly = null, PerAccountDaily = null, MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        Retry = new CampaignRetryPolicy(3, TimeSpan.FromSeconds(1)),
        StartNow = start,
    };

    public Task<CampaignStatus> WaitForStateAsync(ICampaignGrain campaign, CampaignState wanted, TimeSpan? timeout = null)
        => Eventually.WaitAsync(() => campaign.GetStatusAsync(), s => s.State == wanted, $"campaign {wanted}", timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>How many private messages containing <paramref name="text"/> each user received from the accounts.</summary>
    public IReadOnlyDictionary<long, int> Received(string text) => World.CountReceivedContaining(text);

    public async Task<IReadOnlyList<CampaignRecipientView>> RecipientsAsync(string campaignId, int chunks)
    {
        var all = new List<CampaignRecipientView>();
        for (var i = 0; i < chunks; i++) all.AddRange(await Grains.GetGrain<ICampaignChunkGrain>(ICampaignChunkGrain.KeyOf(campaignId, i)).ListAsync(null));
        return all;
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
