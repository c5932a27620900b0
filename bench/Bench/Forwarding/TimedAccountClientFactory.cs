using Cluster.Telegram.Accounts;

namespace Cluster.Bench.Forwarding;

/// <summary>Wraps the silo's account client factory so that every client it makes reports to the benchmark's
/// <see cref="ForwardingStopwatch"/>; the clients behave exactly as the wrapped ones.</summary>
public sealed class TimedAccountClientFactory(IAccountClientFactory inner, ForwardingStopwatch stopwatch) : IAccountClientFactory
{
    public IAccountClient Create(AccountConnection connection) => new TimedAccountClient(inner.Create(connection), stopwatch);
}
