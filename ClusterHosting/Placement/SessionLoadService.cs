using System.Diagnostics;
using Cluster.Hosting.Rebalancing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Placement;

/// <summary>Answers this silo's session load from its <see cref="SessionSlots"/> (held, queued, reserved) and carries out
/// the moves other silos' rebalancers ask of it.</summary>
public sealed class SessionLoadService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, SessionSlots slots,
    IOptions<RebalancingOptions> rebalancing) : GrainService(grainId, silo, loggerFactory), ISessionLoadService
{
    private long _gaveAt;

    public Task<SessionLoad> GetLoadAsync() => Task.FromResult(slots.Load(rebalancing.Value.SettleTime));

    public Task<int> SendQueuedAsync(SiloAddress target, int count) => Task.FromResult(slots.RecallQueued(target, count));

    public Task<int> SendHeldAsync(SiloAddress target, int count, double mean)
    {
        var options = rebalancing.Value;
        // Resting after giving: the accounts given are still on their way, and the counts the others read lag behind.
        if (_gaveAt != 0 && Stopwatch.GetElapsedTime(_gaveAt) < options.BalanceCooldown) return Task.FromResult(0);
        var give = Math.Min(options.MaxMovesPerRound, RebalancePlanner.HeldToGive(slots.Load(options.SettleTime), count, mean));
        var asked = give > 0 ? slots.RecallHeld(target, give, options.SettleTime) : 0;
        if (asked > 0) _gaveAt = Stopwatch.GetTimestamp();
        return Task.FromResult(asked);
    }
}
