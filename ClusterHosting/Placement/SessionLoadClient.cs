using Orleans.Runtime.Services;

namespace Cluster.Hosting.Placement;

/// <summary>Calls a given silo's <see cref="ISessionLoadService"/>.</summary>
public sealed class SessionLoadClient(IServiceProvider services) : GrainServiceClient<ISessionLoadService>(services)
{
    public Task<SessionLoad> GetLoadAsync(SiloAddress silo) => GetGrainService(silo).GetLoadAsync();

    public Task<int> SendQueuedAsync(SiloAddress source, SiloAddress target, int count) => GetGrainService(source).SendQueuedAsync(target, count);

    public Task<int> SendHeldAsync(SiloAddress source, SiloAddress target, int count, double mean) => GetGrainService(source).SendHeldAsync(target, count, mean);
}
