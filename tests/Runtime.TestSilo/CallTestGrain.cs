using Cluster.Runtime.Membership;

namespace Cluster.Runtime.TestSiloApp;

/// <summary>Answers pings with the hosting silo's id.</summary>
[GrainType("call")]
public sealed class CallTestGrain(ISiloMembership membership) : Grain, ICallTestGrain
{
    public Task<string> PingAsync(int sequence) => Task.FromResult(membership.LocalSiloId);
}
