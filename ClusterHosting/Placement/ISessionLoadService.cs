using Orleans.Services;

namespace Cluster.Hosting.Placement;

/// <summary>A grain service on every silo answering how many account sessions the silo holds, for placement.</summary>
[Alias("Cluster.ISessionLoadService")]
public interface ISessionLoadService : IGrainService
{
    [Alias("GetLoadAsync")]
    Task<SessionLoad> GetLoadAsync();
}
