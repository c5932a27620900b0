using Cluster.Runtime.Membership;

namespace Cluster.Runtime.TestSiloApp;

/// <summary>Records its activation's start, periodic "alive" ticks (when enabled) and end, so tests can check that
/// two activations of one grain never overlap in time.</summary>
[GrainType("alwayson")]
public sealed class AlwaysOnTestGrain(ActivationRecorder recorder, ISiloMembership membership) : Grain, IAlwaysOnTestGrain
{
    private IGrainTimer? _ticker;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        recorder.Record("start", GrainId, membership.LocalSiloId);
        if (recorder.TickInterval > TimeSpan.Zero)
            _ticker = RegisterGrainTimer(_ =>
            {
                recorder.Record("tick", GrainId, membership.LocalSiloId);
                return Task.CompletedTask;
            }, recorder.TickInterval, recorder.TickInterval, interleave: true);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _ticker?.Dispose();
        recorder.Record("end", GrainId, membership.LocalSiloId);
        return Task.CompletedTask;
    }

    public Task<string> WhereAsync() => Task.FromResult(membership.LocalSiloId);
}
