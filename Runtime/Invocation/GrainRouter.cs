using System.Collections.Concurrent;
using System.Text.Json;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Invocation;

/// <summary>Takes every call to where its grain lives: the local activation; else the directory owner (cache,
/// then storage) when it is alive in the membership view; else the silo placement chooses, which claims the
/// grain. Refusals ("not here", "full", "not accepting", unreachable) re-route, a bounded number of times.</summary>
internal sealed partial class GrainRouter : IGrainRouter, IGrainCallSender
{
    private readonly GrainTypeRegistry _registry;
    private readonly ActivationCatalog _catalog;
    private readonly ISiloMembership _membership;
    private readonly IPlacementDirector _placement;
    private readonly IClusterStorage _storage;
    private readonly SiloMessenger _messenger;
    private readonly ClusterRuntimeOptions _options;
    private readonly ILogger<GrainRouter> _logger;
    private readonly ConcurrentDictionary<GrainId, CachedOwner> _cache = new();
    private (MembershipView View, Dictionary<string, SiloSummary> Serving)? _serving;
    private long _lastRefresh;
    private byte[]? _localSiloIdJson;

    public GrainRouter(GrainTypeRegistry registry, ActivationCatalog catalog, ISiloMembership membership, IPlacementDirector placement,
        IClusterStorage storage, SiloMessenger messenger, IOptions<ClusterRuntimeOptions> options, ILogger<GrainRouter> logger)
    {
        _registry = registry;
        _catalog = catalog;
        _membership = membership;
        _placement = placement;
        _storage = storage;
        _messenger = messenger;
        _options = options.Value;
        _logger = logger;
    }

    private sealed record CachedOwner(string SiloId, string Address, bool Confirmed);

    private readonly record struct Target(string SiloId, string Address, bool Placed);

    public async Task<ReadOnlyMemory<byte>> SendAsync(GrainReference reference, GrainMethodInfo method, byte[] arguments)
    {
        if (!_registry.TryFindByInterface(reference.Interface.Name, out var grainClass, out var grainInterface))
            throw new GrainCallException($"No grain class hosted by this cluster implements {reference.Interface.Name} (register its assembly with AddGrains).");
        var call = new GrainCall(grainClass, new GrainId(grainClass.Name, reference.Key), grainInterface, method, arguments);
        return await WithTimeout(RouteAsync(call, RouteKind.Origin), call).ConfigureAwait(false);
    }

    public async Task<string> EnsureActiveAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var grainClass = _registry.FindByName(grainId.Type) ?? throw UnknownType(grainId.Type);
        var call = new GrainCall(grainClass, grainId, null, null, []);
        var json = await WithTimeout(RouteAsync(call, RouteKind.Origin), call).WaitAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(json.Span, RuntimeJsonContext.Default.String)!;
    }

    public async Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        var grainClass = _registry.FindByName(grainId.Type) ?? throw UnknownType(grainId.Type);
        if (!grainClass.IsRemindable)
            throw new GrainCallException($"Grain type '{grainId.Type}' does not implement IRemindable; reminder '{reminderName}' cannot be delivered.");
        var method = _registry.Remindable.ByName[nameof(IRemindable.ReceiveReminder)];
        var payload = GrainSerializer.SerializeArguments([reminderName, status], method.Parameters);
        var call = new GrainCall(grainClass, grainId, _registry.Remindable, method, payload);
        await WithTimeout(RouteAsync(call, RouteKind.Origin), call).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static GrainCallException UnknownType(string grainType) => new($"Unknown grain type '{grainType}'.");

    private async Task<ReadOnlyMemory<byte>> WithTimeout(Task<byte[]> call, GrainCall what)
    {
        try
        {
            return await call.WaitAsync(_options.CallTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (e is not GrainCallTimeoutException)
        {
            throw new GrainCallTimeoutException($"The call {what} did not complete within {_options.CallTimeout.TotalSeconds:0.###} s.");
        }
    }

    /// <summary>Runs the call where its grain lives and returns the result's JSON.</summary>
    public async Task<byte[]> RouteAsync(GrainCall call, RouteKind kind)
    {
        if (kind is RouteKind.Owner or RouteKind.Placed) return await RouteOnceAsync(call, kind).ConfigureAwait(false);
        if (kind == RouteKind.Gateway && !_catalog.IsAccepting)
            throw new GrainRoutingException(RoutingRefusal.NotAccepting, $"Silo {_membership.LocalSiloId} is shutting down and takes no client calls; use another gateway.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RouteOnceAsync(call, kind).ConfigureAwait(false);
            }
            catch (GrainRoutingException e)
            {
                if (_catalog.IsFenced)
                    throw new SiloUnavailableException($"The call {call} cannot run: silo {_membership.LocalSiloId} has fenced itself.", e);
                if (attempt >= _options.MaxRoutingAttempts)
                    throw new SiloUnavailableException($"The call {call} found no silo to run it after {attempt} attempts: {e.Message}", e);
                Log.Rerouting(_logger, call.GrainId.ToString(), e.Refusal, attempt, e.Message);
                if (e.OwnerSiloId is not null && e.OwnerAddress is not null && e.OwnerSiloId != _membership.LocalSiloId)
                    _cache[call.GrainId] = new CachedOwner(e.OwnerSiloId, e.OwnerAddress, true);
                else
                    _cache.TryRemove(call.GrainId, out _);
                if (e.Refusal is RoutingRefusal.NotAccepting or RoutingRefusal.Unreachable or RoutingRefusal.Full) RefreshMembership();
                if (attempt > 1 || e.OwnerSiloId is null)
                    await Task.Delay(Delay(attempt)).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Delay(int attempt)
        => TimeSpan.FromTicks(Math.Min(_options.RoutingRetryDelay.Ticks * attempt, TimeSpan.FromMilliseconds(500).Ticks));

    private async Task<byte[]> RouteOnceAsync(GrainCall call, RouteKind kind)
    {
        if (_catalog.IsFenced)
            throw new GrainRoutingException(RoutingRefusal.NotAccepting, $"Silo {_membership.LocalSiloId} has fenced itself and takes no calls.");
        if (_catalog.TryGet(call.GrainId, out var local))
            return await ExecuteAsync(local, call).ConfigureAwait(false);
        switch (kind)
        {
            case RouteKind.Owner:
                throw new GrainRoutingException(RoutingRefusal.NotHere, $"{call.GrainId} is not active on silo {_membership.LocalSiloId}.");
            case RouteKind.Placed:
                return await ExecuteAsync(_catalog.GetOrCreate(call.Class, call.GrainId), call).ConfigureAwait(false);
        }
        var target = await ResolveAsync(call).ConfigureAwait(false);
        if (target.SiloId == _membership.LocalSiloId)
            return await ExecuteAsync(_catalog.GetOrCreate(call.Class, call.GrainId), call).ConfigureAwait(false);
        var result = await _messenger.CallAsync(target.Address, call.Class.Name, call.GrainId.Key, call.Interface?.Name, call.Method?.Name,
            call.Payload, target.Placed ? ClusterHeaders.RoutePlaced : ClusterHeaders.RouteOwner).ConfigureAwait(false);
        if (target.Placed) Remember(call.GrainId, new CachedOwner(target.SiloId, target.Address, false));
        return result;
    }

    private async Task<byte[]> ExecuteAsync(ActivationData activation, GrainCall call)
    {
        if (call.Method is null)
        {
            await activation.WhenActiveAsync().ConfigureAwait(false);
            return _localSiloIdJson ??= JsonSerializer.SerializeToUtf8Bytes(_membership.LocalSiloId, RuntimeJsonContext.Default.String);
        }
        call.Arguments ??= GrainSerializer.DeserializeArguments(call.Payload, call.Method.Parameters);
        return await activation.InvokeAsync(call.Method, call.Arguments).ConfigureAwait(false);
    }

    private async ValueTask<Target> ResolveAsync(GrainCall call)
    {
        var serving = ServingSilos();
        if (_cache.TryGetValue(call.GrainId, out var cached) && (cached.Confirmed || serving.ContainsKey(cached.SiloId)))
            return new Target(cached.SiloId, cached.Address, false);
        var entry = await _storage.Directory.LookupAsync(call.GrainId.ToString(), CancellationToken.None).ConfigureAwait(false);
        if (entry?.SiloId is { } owner)
        {
            if (owner == _membership.LocalSiloId) return new Target(owner, _membership.LocalAddress, false);
            if (serving.TryGetValue(owner, out var silo))
            {
                var address = entry.Address ?? silo.Address;
                Remember(call.GrainId, new CachedOwner(owner, address, false));
                return new Target(owner, address, false);
            }
        }
        using var timeout = new CancellationTokenSource(_options.CallTimeout);
        SiloSummary placed;
        try
        {
            placed = await _placement.PlaceAsync(call.GrainId, call.Class.Info, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new SiloUnavailableException($"No silo could take {call.GrainId} within {_options.CallTimeout.TotalSeconds:0.###} s (every silo full or none active).");
        }
        return new Target(placed.SiloId, placed.Address, true);
    }

    private void Remember(GrainId grainId, CachedOwner owner)
    {
        if (_cache.Count >= _options.DirectoryCacheSize) _cache.Clear();
        _cache[grainId] = owner;
    }

    /// <summary>Forgets cached owners on a silo (it left or was found dead).</summary>
    internal void ForgetSilo(string siloId)
    {
        foreach (var (grainId, owner) in _cache)
            if (owner.SiloId == siloId) _cache.TryRemove(grainId, out _);
    }

    private Dictionary<string, SiloSummary> ServingSilos()
    {
        var view = _membership.View;
        var current = _serving;
        if (current is { } c && ReferenceEquals(c.View, view)) return c.Serving;
        var serving = view.Serving.ToDictionary(s => s.SiloId, StringComparer.Ordinal);
        _serving = (view, serving);
        return serving;
    }

    private void RefreshMembership()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastRefresh);
        if (now - last < 200 || Interlocked.CompareExchange(ref _lastRefresh, now, last) != last) return;
        _ = RefreshAsync();

        async Task RefreshAsync()
        {
            try { await _membership.RefreshAsync(CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) { Log.RefreshFailed(_logger, e); }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Debug, "Re-routing a call to {GrainId} after {Refusal} (attempt {Attempt}): {Reason}")]
        public static partial void Rerouting(ILogger logger, string grainId, RoutingRefusal refusal, int attempt, string reason);

        [LoggerMessage(1102, LogLevel.Warning, "Refreshing the membership view failed")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
