using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>Sets up accounts and channel pairs the way an admin does, through the grain interfaces over the cluster
/// client, on a world built through the simulator's control API: a simulated account configured, started and logged in
/// with its code; source and destination channels with the account allowed to post in the destinations.</summary>
internal sealed class ForwardingFleet(ProcessCluster cluster)
{
    private int _nextPhone;

    /// <summary>A logged-in account grain for a new simulated account. Limits are set high unless given: these tests are
    /// about delivery, not about the send limits.</summary>
    public async Task<FleetAccount> AddAccountAsync(string accountId, int hourlyLimit = 100_000, int dailyLimit = 1_000_000)
    {
        var phone = $"+1555{Interlocked.Increment(ref _nextPhone):D7}";
        var sim = await cluster.Simulator.CreateAccountAsync(phone, accountId, accountId.Replace('-', '_') + "_user");
        var grain = cluster.Grains.GetGrain<IAccountGrain>(accountId);
        await grain.ConfigureAsync(new AccountConfiguration
        {
            ApiId = 1,
            ApiHash = "simulator-hash-" + accountId,
            PhoneNumber = phone,
            Label = accountId,
            HourlySendLimit = hourlyLimit,
            DailySendLimit = dailyLimit,
        });
        var status = await grain.StartAsync();
        if (status.State == AccountState.WaitingForLogin && status.LoginStep == LoginStep.Code)
        {
            var code = await grain.SubmitCodeAsync(sim.LoginCode);
            if (!code.Accepted) throw new InvalidOperationException($"Account {accountId} refused its log-in code: {code.Message}");
            status = await grain.GetStatusAsync();
        }
        if (status.State != AccountState.Active)
            throw new InvalidOperationException($"Account {accountId} is {status.State} ({status.LoginStep}, {status.LastError}) after logging in, not Active.");
        return new FleetAccount(accountId, sim.UserId, grain);
    }

    /// <summary>A public source channel owned by a bystander and public destination channels where
    /// <paramref name="account"/> is an administrator.</summary>
    public async Task<(SimChatInfo Source, SimChatInfo[] Destinations)> AddChannelsAsync(FleetAccount account, string name, int destinations = 1)
    {
        var owner = await cluster.Simulator.CreateUserAsync("Owner of " + name);
        var source = await cluster.Simulator.CreateChannelAsync("Source " + name, "src_" + name, owner.Id);
        var targets = new SimChatInfo[destinations];
        for (var i = 0; i < destinations; i++)
        {
            targets[i] = await cluster.Simulator.CreateChannelAsync($"Destination {name} {i}", $"dst_{name}_{i}", owner.Id);
            await cluster.Simulator.MakeAdminAsync(targets[i].Id, account.UserId);
        }
        return (source, targets);
    }

    /// <summary>Configures pair <paramref name="pairId"/> to copy <paramref name="source"/> to <paramref name="destinations"/>
    /// through <paramref name="account"/>.</summary>
    public async Task<IChannelPairGrain> AddPairAsync(string pairId, FleetAccount account, SimChatInfo source, IReadOnlyList<SimChatInfo> destinations,
        ForwardMode mode = ForwardMode.Copy)
    {
        var pair = cluster.Grains.GetGrain<IChannelPairGrain>(pairId);
        var status = await pair.ConfigureAsync(new PairConfiguration
        {
            AccountId = account.AccountId,
            SourceChat = "@" + source.Username,
            Destinations = destinations.Select(d => "@" + d.Username).ToList(),
            Mode = mode,
            Name = pairId,
        });
        if (status.State != PairState.Running)
            throw new InvalidOperationException($"Pair {pairId} is {status.State} after configuring ({status.LastError}), not Running.");
        return pair;
    }
}
