using System.Diagnostics;
using Cluster.Runtime.Invocation;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Activation;

/// <summary>One activation of a grain on this silo and its context: turn-based execution (one turn at a time,
/// a queue only while busy, [AlwaysInterleave] calls beside it), activation with a directory claim, and
/// deactivation. Kept small on purpose (no thread, timer or channel of its own while idle): a silo holds
/// many thousands of mostly idle activations.</summary>
internal sealed class ActivationData : IGrainContext
{
    private const int Activating = 0, Valid = 1, Deactivating = 2, Invalid = 3;
    private CancellationTokenSource? _activationCancel;

    private readonly ActivationCatalog _catalog;
    private Grain? _grain;
    private Queue<WorkItem>? _queue;
    private List<GrainTimer>? _timers;
    private TaskCompletionSource? _deactivated;
    private long _lastActive = Environment.TickCount64;
    private long _keepAliveUntil;
    private int _state;
    private int _interleaved;
    private bool _running = true; // the activation itself is the first turn
    private bool _deactivateOnIdle;
    private bool _deactivationStarted;
    private DeactivationReason _deactivationReason;

    public ActivationData(ActivationCatalog catalog, GrainClassInfo grainClass, GrainId grainId)
    {
        _catalog = catalog;
        Class = grainClass;
        GrainId = grainId;
    }

    public GrainClassInfo Class { get; }
    public GrainId GrainId { get; }

    /// <summary>This activation's ownership of the grain: the directory epoch it claimed; carried by every state write.</summary>
    public FenceToken Fence { get; private set; }

    public bool IsValid => Volatile.Read(ref _state) == Valid;
    public bool IsDeactivating => Volatile.Read(ref _state) >= Deactivating;
    internal ActivationCatalog Catalog => _catalog;
    public IGrainFactory GrainFactory => _catalog.GrainFactory;
    public IServiceProvider Services => _catalog.Services;

    /// <summary>Starts the activation turn (claim, load states, construct, OnActivateAsync).</summary>
    public void Start() => _ = ActivateAsync();

    /// <summary>Runs a call as a turn of this activation (queued while another turn runs).</summary>
    public Task<byte[]> InvokeAsync(GrainMethodInfo method, object?[] args)
    {
        if (method.Interleave && IsValid) return RunInterleavedAsync(method, args);
        CallWorkItem? item = null;
        lock (this)
        {
            if (_state >= Deactivating) throw NotHere();
            if (_state == Valid && !_running) _running = true;
            else Enqueue(item = new CallWorkItem(method, args));
        }
        return item is null ? RunTurnAsync(method, args) : item.Task;
    }

    /// <summary>Completes once the activation is ready to take calls (or fails as its activation did).</summary>
    public Task WhenActiveAsync()
    {
        if (IsValid) return Task.CompletedTask;
        var item = new CallWorkItem(null, []);
        lock (this)
        {
            if (_state >= Deactivating) throw NotHere();
            if (_state == Valid) return Task.CompletedTask;
            Enqueue(item);
        }
        return item.Task;
    }

    /// <summary>A timer tick (or any work item) as a turn; dropped when the activation is not valid.</summary>
    public void Schedule(WorkItem item)
    {
        lock (this)
        {
            if (_state != Valid) return;
            if (!item.Interleave)
            {
                if (_running) { Enqueue(item); return; }
                _running = true;
            }
        }
        if (item.Interleave) _ = RunInterleavedItemAsync(item);
        else _ = RunQueuedAsync(item);
    }

    private void Enqueue(WorkItem item)
    {
        item.Activation = this;
        (_queue ??= new Queue<WorkItem>(2)).Enqueue(item);
    }

    private async Task<byte[]> RunTurnAsync(GrainMethodInfo method, object?[] args)
    {
        try
        {
            return await RunCallAsync(method, args).ConfigureAwait(false);
        }
        finally
        {
            EndTurn();
        }
    }

    private async Task<byte[]> RunInterleavedAsync(GrainMethodInfo method, object?[] args)
    {
        Interlocked.Increment(ref _interleaved);
        try
        {
            return await RunCallAsync(method, args).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _interleaved);
        }
    }

    private async Task RunInterleavedItemAsync(WorkItem item)
    {
        Interlocked.Increment(ref _interleaved);
        try { await item.RunAsync(this).ConfigureAwait(false); }
        finally { Interlocked.Decrement(ref _interleaved); }
    }

    internal async Task RunQueuedAsync(WorkItem item)
    {
        if (item.Interleave)
        {
            _ = RunInterleavedItemAsync(item);
        }
        else
        {
            try { await item.RunAsync(this).ConfigureAwait(false); }
            catch (Exception e) { item.Fail(e); }
        }
        EndTurn();
    }

    internal async Task<byte[]> RunCallAsync(GrainMethodInfo method, object?[] args)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            return await method.Invoker.InvokeAsync(_grain!, args).ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            _lastActive = Environment.TickCount64;
            _catalog.Statistics.Record(Class, method, Stopwatch.GetElapsedTime(started), failed);
        }
    }

    /// <summary>After a turn: start the next queued one, or deactivate if asked, or go idle.</summary>
    private void EndTurn()
    {
        WorkItem? next = null;
        var deactivate = false;
        lock (this)
        {
            if (_deactivateOnIdle && _state == Valid)
            {
                _state = Deactivating;
                _deactivationReason = DeactivationReason.Requested;
            }
            if (_state >= Deactivating)
            {
                deactivate = !_deactivationStarted;
                _deactivationStarted = true;
            }
            else if (_queue is { Count: > 0 }) next = _queue.Dequeue();
            else _running = false;
        }
        if (deactivate) _ = DeactivateCoreAsync();
        else if (next is not null) ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
    }

    private async Task ActivateAsync()
    {
        var membership = _catalog.Membership;
        var claimed = false;
        try
        {
            if (_catalog.IsFenced) throw new GrainRoutingException(RoutingRefusal.NotAccepting, "This silo has fenced itself.");
            var claim = await _catalog.Storage.Directory.TryClaimAsync(
                GrainId.ToString(), Class.Name, membership.LocalSiloId, membership.LocalAddress, _catalog.DeathTimeout, CancellationToken.None).ConfigureAwait(false);
            if (!claim.Granted)
                throw new GrainRoutingException(RoutingRefusal.NotHere, $"{GrainId} is owned by silo {claim.Entry.SiloId}.", claim.Entry.SiloId, claim.Entry.Address);
            claimed = true;
            Fence = new FenceToken(membership.LocalSiloId, claim.Entry.Epoch);

            var states = new object[Class.States.Length];
            for (var i = 0; i < states.Length; i++)
            {
                var state = Class.States[i].Create(this);
                await state.ReadStateAsync(CancellationToken.None).ConfigureAwait(false);
                states[i] = state;
            }
            var grain = (Grain)Class.Factory(_catalog.Services, states);
            grain.GrainContext = this;
            _grain = grain;
            // Cancelled by the call timeout, or at once when the silo fences itself: an activation that is still
            // connecting (a Telegram session, say) must give up before another silo may take the grain over.
            using (var activation = new CancellationTokenSource(_catalog.Options.CallTimeout))
            {
                bool fencedAlready;
                lock (this)
                {
                    fencedAlready = _state == Deactivating && _deactivationReason == DeactivationReason.SelfFencing;
                    if (!fencedAlready) _activationCancel = activation;
                }
                // Fenced while claiming or reading state: deactivation has run already; do not start the grain at all.
                if (fencedAlready) throw new GrainRoutingException(RoutingRefusal.NotAccepting, "This silo has fenced itself.");
                try
                {
                    await grain.OnActivateAsync(activation.Token).ConfigureAwait(false);
                }
                finally
                {
                    lock (this) _activationCancel = null;
                }
            }
            lock (this)
            {
                if (_state == Activating) _state = Valid;
            }
            _catalog.Log.Activated(GrainId.ToString(), Fence.Epoch);
        }
        catch (Exception e)
        {
            await FailActivationAsync(e, claimed).ConfigureAwait(false);
            return;
        }
        EndTurn();
    }

    private async Task FailActivationAsync(Exception exception, bool claimed)
    {
        if (exception is not GrainRoutingException) _catalog.Log.ActivationFailed(exception, GrainId.ToString());
        Queue<WorkItem>? waiting;
        lock (this)
        {
            _state = Invalid;
            _deactivationStarted = true;
            waiting = _queue;
            _queue = null;
        }
        StopTimers();
        if (claimed && !_catalog.IsFenced)
        {
            try { await _catalog.Storage.Directory.ReleaseAsync(GrainId.ToString(), Fence, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) { _catalog.Log.ReleaseFailed(e, GrainId.ToString()); }
        }
        _catalog.Remove(this);
        var failure = exception is GrainRoutingException ? exception : new GrainCallException($"Activation of {GrainId} failed: {exception.Message}", exception.GetType().FullName, exception);
        while (waiting is { Count: > 0 }) waiting.Dequeue().Fail(failure);
        _deactivated?.TrySetResult();
    }

    /// <summary>Starts deactivation: queued calls are sent back ("not here", the caller re-routes), the running turn
    /// ends first (except when fencing), then OnDeactivateAsync runs and the directory row is released.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        Queue<WorkItem>? bounced = null;
        var runNow = false;
        CancellationTokenSource? cancelActivation = null;
        Task done;
        lock (this)
        {
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done = _deactivated.Task;
            if (_state == Invalid) return Task.CompletedTask;
            if (_state != Deactivating)
            {
                _state = Deactivating;
                _deactivationReason = reason;
                bounced = _queue;
                _queue = null;
            }
            else if (reason == DeactivationReason.SelfFencing) _deactivationReason = reason;
            // Fencing stops a running turn at once, but not an activation in progress: OnDeactivateAsync would run
            // beside OnActivateAsync (a session closed, then opened by the still-running connect). The activation is
            // cancelled instead, and deactivation follows when it ends (or it fails and cleans up after itself).
            var activating = _activationCancel is not null;
            if (activating && reason == DeactivationReason.SelfFencing) cancelActivation = _activationCancel;
            if (!_deactivationStarted && (!_running || (reason == DeactivationReason.SelfFencing && !activating)))
            {
                _deactivationStarted = true;
                _running = true;
                runNow = true;
            }
        }
        // Outside the lock: cancellation runs the activation's callbacks inline.
        try { cancelActivation?.Cancel(); }
        catch (ObjectDisposedException) { } // the activation ended in between
        while (bounced is { Count: > 0 }) bounced.Dequeue().Fail(NotHere());
        if (runNow) _ = DeactivateCoreAsync();
        return done;
    }

    private async Task DeactivateCoreAsync()
    {
        var reason = _deactivationReason;
        try
        {
            StopTimers();
            if (_grain is not null)
            {
                using var timeout = new CancellationTokenSource(_catalog.Options.DeactivationTimeout);
                try
                {
                    await _grain.OnDeactivateAsync(reason, timeout.Token).WaitAsync(_catalog.Options.DeactivationTimeout).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    _catalog.Log.DeactivationCallbackFailed(e, GrainId.ToString(), reason);
                }
            }
            if (reason != DeactivationReason.SelfFencing && !_catalog.IsFenced)
            {
                try { await _catalog.Storage.Directory.ReleaseAsync(GrainId.ToString(), Fence, CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) { _catalog.Log.ReleaseFailed(e, GrainId.ToString()); }
            }
        }
        finally
        {
            Queue<WorkItem>? late;
            lock (this)
            {
                _state = Invalid;
                late = _queue;
                _queue = null;
            }
            while (late is { Count: > 0 }) late.Dequeue().Fail(NotHere());
            _catalog.Remove(this);
            _catalog.Log.Deactivated(GrainId.ToString(), reason);
            lock (this) _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _deactivated.TrySetResult();
        }
    }

    /// <summary>True when idle longer than the collection age and not kept alive.</summary>
    public bool IsCollectable(long now)
    {
        if (Volatile.Read(ref _state) != Valid || _running || Volatile.Read(ref _interleaved) > 0) return false;
        return now - _lastActive >= (long)Class.CollectionAge.TotalMilliseconds && now >= _keepAliveUntil;
    }

    private GrainRoutingException NotHere()
        => new(RoutingRefusal.NotHere, $"{GrainId} is not active on silo {_catalog.Membership.LocalSiloId} (deactivating).");

    private void StopTimers()
    {
        List<GrainTimer>? timers;
        lock (this)
        {
            timers = _timers;
            _timers = null;
        }
        if (timers is null) return;
        foreach (var timer in timers) timer.Stop();
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (this) _timers?.Remove(timer);
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool interleave)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback, interleave);
        lock (this)
        {
            if (_state >= Deactivating) throw new InvalidOperationException($"{GrainId} is deactivating; it cannot register timers.");
            (_timers ??= []).Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    public Task<GrainReminder> RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period)
        => _catalog.RegisterReminderAsync(this, name, dueTime, period);

    public Task UnregisterReminderAsync(string name) => _catalog.UnregisterReminderAsync(this, name);

    public Task<IReadOnlyList<GrainReminder>> GetRemindersAsync() => _catalog.ListRemindersAsync(this);

    public void DeactivateOnIdle()
    {
        _deactivateOnIdle = true;
        var idle = false;
        lock (this) idle = _state == Valid && !_running;
        if (idle) _ = DeactivateAsync(DeactivationReason.Requested);
    }

    public void DelayDeactivation(TimeSpan timeSpan)
        => _keepAliveUntil = Environment.TickCount64 + (long)timeSpan.TotalMilliseconds;

    public override string ToString() => GrainId.ToString();
}
