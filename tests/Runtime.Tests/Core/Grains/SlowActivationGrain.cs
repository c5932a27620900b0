using System.Collections.Concurrent;

namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>See <see cref="ISlowActivationGrain"/>: records, per key, whether its activation started, was cancelled,
/// and whether OnDeactivateAsync ran while OnActivateAsync was still running.</summary>
[PreferLocalPlacement]
public sealed class SlowActivationGrain : Grain, ISlowActivationGrain
{
    public static readonly ConcurrentDictionary<string, string> Events = new();
    private volatile bool _activating;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        _activating = true;
        Events[key + "/started"] = "yes";
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Events[key + "/cancelled"] = "yes";
            throw;
        }
        finally
        {
            _activating = false;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_activating) Events[GetPrimaryKeyString() + "/deactivated-while-activating"] = "yes";
        return Task.CompletedTask;
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}
