using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Fakes;

/// <summary>Builds membership services over a shared in-memory storage, with short test timings.</summary>
internal static class MembershipFactory
{
    public static System.Collections.Concurrent.ConcurrentDictionary<string, ListLogger<SiloMembershipService>> Loggers { get; } = new();

    public static MembershipOptions ShortTimings(string siloId) => new()
    {
        SiloId = siloId,
        Address = $"http://{siloId}:1",
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        Lease = TimeSpan.FromMilliseconds(1500),
        DeathTimeout = TimeSpan.FromMilliseconds(3000),
        StopHostWhenFenced = false,
    };

    public static SiloMembershipService Create(global::Cluster.Runtime.Storage.IClusterStorage storage, MembershipOptions options, IServiceProvider? services = null)
    {
        services ??= new ServiceCollection().BuildServiceProvider();
        var collector = new LoadCollector(services, Options.Create(new ResourceCapacityOptions()));
        var logger = new ListLogger<SiloMembershipService>();
        Loggers[options.SiloId!] = logger;
        return new SiloMembershipService(storage, Options.Create(options), collector, new LoadBook(), logger);
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) => WaitUntilAsync(condition, timeout, () => what);

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what()}.");
            await Task.Delay(20);
        }
    }
}
