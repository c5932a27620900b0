using Cluster.Runtime.Activation;
using Cluster.Runtime.Invocation;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Client;

/// <summary>A client of the cluster (the admin bot, tests, tools): makes grain references whose calls go to a
/// gateway silo, which routes them. Gateways come from <see cref="ClusterClientOptions.Gateways"/> or the Active
/// silos of the membership table. A call moves to another gateway only when it certainly did not run there
/// (connection refused, or a 503 "not accepting" answer), so retries never run a call twice.</summary>
public sealed partial class ClusterClient : IGrainFactory, IGrainCallSender, IDisposable
{
    private readonly ClusterClientOptions _options;
    private readonly IClusterStorage? _storage;
    private readonly GrainFactory _factory;
    private readonly SiloMessenger _messenger;
    private readonly ILogger<ClusterClient> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<string, long> _quarantinedUntil = new(StringComparer.Ordinal);
    private string[] _gateways = [];
    private long _gatewaysReadAt = long.MinValue / 2;
    private int _next;

    public ClusterClient(IOptions<ClusterClientOptions> options, IServiceProvider services, ILogger<ClusterClient> logger)
    {
        _options = options.Value;
        _storage = services.GetService<IClusterStorage>();
        _logger = logger;
        if (_options.Gateways.Count == 0 && _storage is null)
            throw new InvalidOperationException("Cluster:Gateways is empty and no IClusterStorage is registered: the client has no way to find a gateway.");
        _factory = new GrainFactory(services.GetRequiredService<GrainInterfaceCache>(), this);
        _messenger = new SiloMessenger(new ClusterSecret(_options.Secret ?? ""), _options.CallTimeout, _options.ConnectTimeout);
        if (_options.Gateways.Count > 0) _gateways = [.. _options.Gateways.Select(g => g.TrimEnd('/'))];
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
        => _factory.GetGrain<TGrainInterface>(key);

    /// <summary>The messenger this client uses, for reading silo routes (statistics, activation counts).</summary>
    public SiloMessenger Messenger => _messenger;

    /// <summary>The gateways the client currently knows.</summary>
    public async Task<IReadOnlyList<string>> GetGatewaysAsync(CancellationToken cancellationToken = default)
        => await GatewaysAsync(force: false, cancellationToken).ConfigureAwait(false);

    async Task<ReadOnlyMemory<byte>> IGrainCallSender.SendAsync(GrainReference reference, GrainMethodInfo method, byte[] arguments)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var gateway = Pick(await GatewaysAsync(force: attempt > 1, CancellationToken.None).ConfigureAwait(false));
            if (gateway is null)
            {
                last = new SiloUnavailableException("No gateway silo is known (none Active in the membership table, or all refused).");
            }
            else
            {
                try
                {
                    return await _messenger.CallAsync(gateway, null, reference.Key, reference.Interface.Name, method.Name, arguments, null).ConfigureAwait(false);
                }
                catch (GrainRoutingException e)
                {
                    Log.GatewayRefused(_logger, gateway, e.Refusal, attempt);
                    Quarantine(gateway);
                    last = e;
                }
            }
            await Task.Delay(TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks * attempt, TimeSpan.TicksPerSecond))).ConfigureAwait(false);
        }
        throw last as SiloUnavailableException
              ?? new SiloUnavailableException($"The call {reference}.{method.Name} found no gateway to take it after {_options.MaxAttempts} attempts: {last?.Message}", last);
    }

    private string? Pick(string[] gateways)
    {
        if (gateways.Length == 0) return null;
        var now = Environment.TickCount64;
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)gateways.Length);
        lock (_quarantinedUntil)
        {
            for (var i = 0; i < gateways.Length; i++)
            {
                var candidate = gateways[(start + i) % gateways.Length];
                if (!_quarantinedUntil.TryGetValue(candidate, out var until) || until <= now) return candidate;
            }
        }
        return gateways[start];
    }

    private void Quarantine(string gateway)
    {
        lock (_quarantinedUntil) _quarantinedUntil[gateway] = Environment.TickCount64 + (long)_options.GatewayQuarantine.TotalMilliseconds;
    }

    private async ValueTask<string[]> GatewaysAsync(bool force, CancellationToken cancellationToken)
    {
        if (_storage is null) return _gateways;
        var age = Environment.TickCount64 - Interlocked.Read(ref _gatewaysReadAt);
        if (age < (long)_options.GatewayRefreshInterval.TotalMilliseconds && !(force && age > 200)) return _gateways;
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            age = Environment.TickCount64 - Interlocked.Read(ref _gatewaysReadAt);
            if (age < (long)_options.GatewayRefreshInterval.TotalMilliseconds && !(force && age > 200)) return _gateways;
            var snapshot = await _storage.Membership.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            _gateways = [.. snapshot.Silos
                .Where(s => s.Status == SiloStatus.Active && snapshot.DatabaseNow - s.LastHeartbeat <= _options.GatewayLivenessTimeout)
                .Select(s => s.Address.TrimEnd('/'))];
            Interlocked.Exchange(ref _gatewaysReadAt, Environment.TickCount64);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.GatewayListFailed(_logger, e);
        }
        finally
        {
            _refreshing.Release();
        }
        return _gateways;
    }

    public void Dispose()
    {
        _messenger.Dispose();
        _refreshing.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1401, LogLevel.Debug, "Gateway {Gateway} did not take a call ({Refusal}, attempt {Attempt}); trying another")]
        public static partial void GatewayRefused(ILogger logger, string gateway, RoutingRefusal refusal, int attempt);

        [LoggerMessage(1402, LogLevel.Warning, "Reading gateways from the membership table failed")]
        public static partial void GatewayListFailed(ILogger logger, Exception exception);
    }
}
