using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>The one receive loop of the process: a dedicated thread calls td_receive (TDLib allows no
/// second caller), completes requests by their "@extra" and hands updates to clients by "@client_id".</summary>
internal sealed partial class TdlibReceiver : ITdlibTransport
{
    /// <summary>How long one td_receive call waits for an event; bounds nothing but idle wake-ups.</summary>
    private const double ReceiveTimeoutSeconds = 1.0;

    private static readonly Lock SharedGate = new();
    private static TdlibReceiver? shared;

    private readonly ConcurrentDictionary<int, ITdlibUpdateSink> sinks = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> pending = new();
    private readonly ILogger logger;
    private readonly Thread thread;
    private long lastExtra;

    private TdlibReceiver(ILogger logger, int logVerbosity)
    {
        this.logger = logger;
        var path = TdJsonLibrary.EnsureLoaded();
        // Before any client exists, so TDLib's own logging stays quiet from the start.
        var answer = TdJsonLibrary.Execute(TdlibRequests.SetLogVerbosityLevel(logVerbosity).ToJsonString());
        if (!answer.Contains("\"ok\"", StringComparison.Ordinal))
        {
            LogVerbosityRefused(answer);
        }
        LogLoaded(path);
        thread = new Thread(Run) { IsBackground = true, Name = "tdlib-receive" };
        thread.Start();
    }

    /// <summary>The process-wide receiver; the first caller's logger and log verbosity are kept.</summary>
    public static TdlibReceiver GetShared(ILoggerFactory? loggerFactory, int logVerbosity)
    {
        lock (SharedGate)
        {
            return shared ??= new TdlibReceiver(
                (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Cluster.Telegram.Accounts.Tdlib.TdlibReceiver"),
                logVerbosity);
        }
    }

    /// <summary>The managed id of the receive thread (tests check that every update comes from it).</summary>
    public int ReceiveThreadId => thread.ManagedThreadId;

    /// <summary>Clients currently registered for updates.</summary>
    public int ClientCount => sinks.Count;

    /// <summary>Creates a TDLib client id and routes its updates to <paramref name="sink"/>. The client
    /// starts in TDLib with the first request sent to it.</summary>
    public int CreateClient(ITdlibUpdateSink sink)
    {
        var id = TdJsonNative.CreateClientId();
        sinks[id] = sink;
        return id;
    }

    public void RemoveClient(int clientId) => sinks.TryRemove(clientId, out _);

    /// <summary>Sends a request and returns TDLib's answer (which may be an "error" object).</summary>
    public async Task<JsonElement> SendAsync(int clientId, JsonObject request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var extra = Interlocked.Increment(ref lastExtra);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[extra] = answer;
        request["@extra"] = extra;
        try
        {
            TdJsonNative.Send(clientId, request.ToJsonString());
            return await answer.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"TDLib did not answer {request["@type"]} within {timeout.TotalSeconds:0.#} s (setting {TdlibOptions.SectionName}:RequestTimeout).");
        }
        finally
        {
            pending.TryRemove(extra, out _);
        }
    }

    private void Run()
    {
        while (true)
        {
            try
            {
                var result = TdJsonNative.Receive(ReceiveTimeoutSeconds);
                if (result != IntPtr.Zero)
                {
                    Dispatch(Marshal.PtrToStringUTF8(result) ?? "");
                }
            }
            catch (Exception ex)
            {
                LogDispatchFailed(ex);
            }
        }
    }

    private void Dispatch(string json)
    {
        JsonElement root;
        using (var document = JsonDocument.Parse(json))
        {
            root = document.RootElement.Clone();
        }
        if (root.TryGetProperty("@extra", out var extra) && extra.ValueKind == JsonValueKind.Number
            && extra.TryGetInt64(out var key) && pending.TryRemove(key, out var answer))
        {
            answer.TrySetResult(root);
            return;
        }
        if (root.TryGetProperty("@client_id", out var clientId) && clientId.TryGetInt32(out var id) && sinks.TryGetValue(id, out var sink))
        {
            sink.OnUpdate(root);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TDLib JSON library loaded from {LibraryPath}")]
    private partial void LogLoaded(string libraryPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TDLib refused the log verbosity: {Answer}")]
    private partial void LogVerbosityRefused(string answer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a TDLib event failed")]
    private partial void LogDispatchFailed(Exception exception);
}
