using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Makes <see cref="TdlibAccountClient"/>s that share the process's TDLib receive loop.
/// Creating a client is cheap; the library is loaded and the TDLib instance started by StartAsync.</summary>
public sealed class TdlibAccountClientFactory(IOptions<TdlibOptions> options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    : IAccountClientFactory
{
    public IAccountClient Create(AccountConnection connection) => CreateTdlib(connection);

    /// <summary>The same as <see cref="Create"/>, typed as the TDLib client.</summary>
    public TdlibAccountClient CreateTdlib(AccountConnection connection)
    {
        var value = options.Value;
        TdJsonLibrary.Configure(value.LibraryPath);
        return new TdlibAccountClient(connection, value, loggerFactory, timeProvider);
    }
}
