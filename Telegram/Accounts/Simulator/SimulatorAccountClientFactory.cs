namespace Cluster.Telegram.Accounts.Simulator;

/// <summary>Makes <see cref="SimulatorAccountClient"/>s that share one connection pool to the simulator.</summary>
public sealed class SimulatorAccountClientFactory : IAccountClientFactory, IDisposable
{
    private readonly SimulatorAccountClientOptions _options;
    private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

    public SimulatorAccountClientFactory(SimulatorAccountClientOptions options)
    {
        options.Validate();
        _options = options;
    }

    public IAccountClient Create(AccountConnection connection) =>
        new SimulatorAccountClient(connection, _options, new HttpClient(_handler, disposeHandler: false));

    public void Dispose() => _handler.Dispose();
}
