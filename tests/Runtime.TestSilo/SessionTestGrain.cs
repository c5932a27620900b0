using Cluster.Runtime.Membership;

namespace Cluster.Runtime.TestSiloApp;

/// <summary>Holds one "sessions" unit while active, like a Telegram account.</summary>
[GrainType("session")]
[ResourceAwarePlacement("sessions", 1)]
public sealed class SessionTestGrain(ISiloMembership membership) : Grain, ISessionTestGrain
{
    public Task<string> WhereAsync() => Task.FromResult(membership.LocalSiloId);
}
