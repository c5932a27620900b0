using System.Globalization;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Silo.Configuration;
using Cluster.Silo.Logging;
using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Demo;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Cluster.Silo.Demo;

/// <summary>Creates the demo world's accounts and channel pairs through the grain interfaces once the silo is Active in
/// Orleans' membership, so channels posting in the simulator are forwarded to their mirrors. Idempotent: what exists already
/// (configured accounts, configured pairs) is left alone, so restarts and several seeding silos duplicate nothing.
/// Then the membership guard: the demo bot polls, the group owner protects the demo group, and guests start living in it.</summary>
internal sealed class DemoFleetSeeder(
    IGrainFactory grains,
    ILocalSiloDetails local,
    IClusterMembershipService membership,
    SimulatorWorldClient simulator,
    TelegramSetup telegram,
    IHostApplicationLifetime lifetime,
    IOptions<DemoOptions> options,
    ILogger<DemoFleetSeeder> logger) : BackgroundService
{
    /// <summary>The api_id the demo accounts are configured with; the simulator accepts any.</summary>
    public const int SimulatorApiId = 1;

    private readonly DemoOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken)) return;
        for (var attempt = 1; attempt <= _options.MaxAttempts && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var world = await simulator.GetWorldAsync(telegram.SimulatorBaseUrl!, stoppingToken);
                var plan = DemoFleetPlan.From(world, _options.AccountPrefix);
                if (plan.IsEmpty)
                {
                    SiloLog.DemoWorldMissing(logger, telegram.SimulatorBaseUrl!.ToString());
                    return;
                }
                foreach (var account in plan.Accounts) await EnsureAccountAsync(account);
                foreach (var pair in plan.Pairs) await EnsurePairAsync(pair);
                await EnsureGuardAsync(world, stoppingToken);
                SiloLog.DemoSeeded(logger, plan.Accounts.Count, plan.Pairs.Count);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                SiloLog.DemoSeedRetry(logger, attempt, _options.MaxAttempts, ex.GetType().Name, ex.Message);
            }
            try { await Task.Delay(_options.RetryInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        if (!stoppingToken.IsCancellationRequested) SiloLog.DemoSeedGaveUp(logger, _options.MaxAttempts);
    }

    /// <summary>Waits for the host to have started and this silo to be Active in Orleans' membership.</summary>
    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return false; }
        }
        while (membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) != SiloStatus.Active)
        {
            if (membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress).IsTerminating()) return false;
            try { await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken); }
            catch (OperationCanceledException) { return false; }
        }
        return true;
    }

    private async Task EnsureAccountAsync(DemoAccountPlan plan)
    {
        var account = grains.GetGrain<IAccountGrain>(plan.AccountId);
        var status = await account.GetStatusAsync();
        if (!status.Configured)
        {
            status = await account.ConfigureAsync(new AccountConfiguration
            {
                ApiId = SimulatorApiId,
                ApiHash = "simulator",
                PhoneNumber = plan.PhoneNumber,
                Label = plan.Label,
                IsPremium = plan.IsPremium,
            });
        }
        if (status.State is AccountState.Offline or AccountState.Error) status = await account.StartAsync();
        // At most one step each for phone, code and password.
        for (var step = 0; step < 3 && status.State == AccountState.WaitingForLogin; step++)
        {
            LoginResult result = status.LoginStep switch
            {
                LoginStep.PhoneNumber => await account.SubmitPhoneNumberAsync(plan.PhoneNumber),
                LoginStep.Code => await account.SubmitCodeAsync(plan.LoginCode),
                LoginStep.Password when plan.Password is not null => await account.SubmitPasswordAsync(plan.Password),
                _ => new LoginResult(status.State, status.LoginStep, false, null),
            };
            if (!result.Accepted) throw new InvalidOperationException($"Demo account {plan.AccountId} refused log-in step {status.LoginStep}: {result.Message}");
            status = await account.GetStatusAsync();
        }
        if (status.State is not (AccountState.Active or AccountState.Cooldown))
            throw new InvalidOperationException($"Demo account {plan.AccountId} is {status.State}, not active yet.");
        SiloLog.DemoAccountReady(logger, plan.AccountId, status.State.ToString());
    }

    /// <summary>The demo bot configured and polling, @demo_community protected by its owner's /protect, and guest traffic running
    /// there (unless <see cref="DemoOptions.GuardEventsPerSecond"/> is 0). Does nothing when the world has no demo guard bot.</summary>
    private async Task EnsureGuardAsync(WorldSummary world, CancellationToken cancellationToken)
    {
        var simulatorUrl = telegram.SimulatorBaseUrl!;
        var bot = world.Bots.FirstOrDefault(b => b.Username == DemoWorld.GuardBotUsername);
        var group = world.Chats.FirstOrDefault(c => c.Username == DemoWorld.ProtectedGroupUsername);
        var channel = world.Chats.FirstOrDefault(c => c.Username == DemoWorld.AnnouncementsUsername);
        if (bot is null || group is null || channel is null) return;

        var botGrain = grains.GetGrain<IBotGrain>(bot.UserId.ToString(CultureInfo.InvariantCulture));
        var status = await botGrain.GetStatusAsync();
        // The embedded simulator's world lives in memory, the cluster database does not: an offset past the world's next update
        // would make the bot confirm (and so drop) every update of the new world.
        var stale = status.NextOffset is { } offset && offset > bot.NextUpdateId;
        if (stale) DemoGuardLog.OffsetReset(logger, bot.UserId, status.NextOffset!.Value, bot.NextUpdateId);
        if (!status.Configured || !status.Enabled || stale) await botGrain.ConfigureAsync(new BotConfiguration(bot.Token, Enabled: true, ResetOffset: stale));

        var groupGrain = grains.GetGrain<IProtectedGroupGrain>(group.Id.ToString(CultureInfo.InvariantCulture));
        if (!(await groupGrain.GetStatusAsync()).Enabled)
        {
            var owner = (await simulator.GetMembersAsync(simulatorUrl, group.Id, cancellationToken)).FirstOrDefault(m => m.Status == SimMemberStatus.Creator)
                ?? throw new InvalidOperationException($"The demo group @{group.Username} has no owner.");
            await simulator.SendAsUserAsync(simulatorUrl, group.Id, owner.UserId, "/protect @" + channel.Username, cancellationToken);
            for (var i = 0; i < 100 && !(await groupGrain.GetStatusAsync()).Enabled; i++) await Task.Delay(200, cancellationToken);
            if (!(await groupGrain.GetStatusAsync()).Enabled)
                throw new InvalidOperationException($"The demo group @{group.Username} is not protected yet (the bot has not handled /protect).");
        }

        if (_options.GuardEventsPerSecond > 0
            && !(await simulator.GetTrafficAsync(simulatorUrl, cancellationToken)).Any(t => t.Kind == "guard" && t.ChatId == group.Id && t.Running))
            await simulator.StartGuardTrafficAsync(simulatorUrl, new GuardTrafficOptions(group.Id, channel.Id, _options.GuardEventsPerSecond), cancellationToken);
        DemoGuardLog.Ready(logger, bot.Username, group.Username!, channel.Username!, _options.GuardEventsPerSecond);
    }

    private async Task EnsurePairAsync(DemoPairPlan plan)
    {
        var pair = grains.GetGrain<IChannelPairGrain>(plan.PairId);
        var status = await pair.GetStatusAsync();
        if (status.Configuration is not null && status.Checkpoint.LastSeenId > plan.SourceLastMessageId)
        {
            // The pair has seen messages the source does not have: the simulator's world was recreated (the embedded
            // one lives in memory, the cluster database does not), so its checkpoint would skip the new posts.
            SiloLog.DemoPairReset(logger, plan.PairId, status.Checkpoint.LastSeenId, plan.SourceLastMessageId);
            await pair.DeleteAsync();
            status = await pair.GetStatusAsync();
        }
        if (status.Configuration is null)
        {
            status = await pair.ConfigureAsync(new PairConfiguration
            {
                SourceChat = plan.SourceChat,
                Destinations = [plan.DestinationChat],
                AccountId = plan.AccountId,
                Mode = ForwardMode.Copy,
                Name = plan.Name,
            });
        }
        SiloLog.DemoPairReady(logger, plan.PairId, plan.SourceChat, status.State.ToString());
    }
}
