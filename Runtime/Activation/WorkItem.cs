namespace Cluster.Runtime.Activation;

/// <summary>One turn waiting in an activation's queue: a call or a timer tick. It is its own thread-pool
/// work item, so starting the next queued turn allocates nothing.</summary>
internal abstract class WorkItem : IThreadPoolWorkItem
{
    internal ActivationData? Activation;

    /// <summary>Runs while other turns are in progress ([AlwaysInterleave] methods, interleaving timers).</summary>
    public abstract bool Interleave { get; }

    /// <summary>Runs the turn; never throws (failures go to whoever waits for the item).</summary>
    public abstract Task RunAsync(ActivationData activation);

    /// <summary>The item will not run (activation failed or deactivated): tell whoever waits.</summary>
    public abstract void Fail(Exception exception);

    void IThreadPoolWorkItem.Execute() => _ = Activation!.RunQueuedAsync(this);
}
