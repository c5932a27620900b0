using Orleans.Runtime.Services;

namespace Cluster.Hosting.Placement;

/// <summary>Reads the session load of a given silo (its <see cref="ISessionLoadService"/>).</summary>
public sealed class SessionLoadClient(IServiceProvider services) : GrainServiceClient<ISessionLoadService>(services)
{
    public Task<SessionLoad> GetLoadAsync(SiloAddress silo) => GetGrainService(silo).GetLoadAsync();
}
