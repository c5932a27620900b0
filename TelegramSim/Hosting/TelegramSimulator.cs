using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Hosting;

/// <summary>The simulator's C# face: its world (setup and inspection), fault injection and the log of
/// answers. One per host; resolve it from DI, or get it from <see cref="StartAsync"/>.</summary>
public sealed class TelegramSimulator
{
    internal TelegramSimulator(TelegramSimulatorOptions options)
    {
        Options = options;
        World = new SimWorld(options);
        Faults = new SimFaultInjector(options.TimeProvider);
        Calls = new SimCallLog(options.CallLogCapacity, options.TimeProvider);
    }

    /// <summary>The settings it runs with.</summary>
    public TelegramSimulatorOptions Options { get; }

    /// <summary>Users, accounts, bots, chats and messages: set up and inspect.</summary>
    public SimWorld World { get; }

    /// <summary>Faults to inject into requests.</summary>
    public SimFaultInjector Faults { get; }

    /// <summary>Every answer given to each client.</summary>
    public SimCallLog Calls { get; }

    /// <summary>Starts a simulator on its own web server (default a free loopback port) and returns it with its base URL.</summary>
    public static Task<TelegramSimulatorHost> StartAsync(TelegramSimulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        TelegramSimulatorHost.StartAsync(options ?? new TelegramSimulatorOptions(), cancellationToken);
}
