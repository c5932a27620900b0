using Cluster.Hosting.Leases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Placement;

/// <summary>Answers this silo's session load: account session leases held in this process against
/// <see cref="SessionCapacityOptions.Capacity"/>.</summary>
public sealed class SessionLoadService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, SessionLeases leases,
    IOptions<SessionCapacityOptions> options) : GrainService(grainId, silo, loggerFactory), ISessionLoadService
{
    /// <summary>The prefix of an account's session key.</summary>
    public const string AccountSessionPrefix = "account/";

    public Task<SessionLoad> GetLoadAsync() => Task.FromResult(new SessionLoad(leases.HeldCount(AccountSessionPrefix), options.Value.Capacity));
}
