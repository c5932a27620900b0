using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>How a client talks to TDLib: <see cref="TdlibReceiver"/> in production; tests put a scripted
/// TDLib behind it to drive states the offline machine cannot reach (log-in, sending, history).</summary>
internal interface ITdlibTransport
{
    /// <summary>Creates a TDLib client whose updates go to <paramref name="sink"/>; returns its id.</summary>
    int CreateClient(ITdlibUpdateSink sink);

    void RemoveClient(int clientId);

    /// <summary>Sends a request and returns TDLib's answer (which may be an "error" object).</summary>
    Task<JsonElement> SendAsync(int clientId, JsonObject request, TimeSpan timeout, CancellationToken cancellationToken);
}
