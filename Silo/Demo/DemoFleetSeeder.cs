using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Runtime;
using Cluster.Runtime.Membership;
using Cluster.Silo.Configuration;
using Cluster.Silo.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Demo;

/// <summary>Creates the demo world's accounts and channel pairs through the grain interfaces once the silo has joined
/// the cluster, so channels posting in the simulator are forwarded to their mirrors. Idempotent: what exists already
/// (configured accounts, configured pairs) is left alone, so restarts and several seeding silos duplicate nothing.</summary>
internal sealed class DemoFleetSeeder(
    IGrainFactory grains,
    ISiloMembership membership,
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

    /// <summary>Waits for the host to have started and this silo to be Active in the membership view.</summary>
    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return false; }
        }
        while (!membership.View.Active.Any(s => s.SiloId == membership.LocalSiloId))
        {
            if (membership.IsFenced) return false;
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
