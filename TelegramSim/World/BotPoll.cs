namespace Cluster.TelegramSim.World;

/// <summary>One getUpdates request in progress. A newer request of the same bot preempts it: the older
/// one then answers 409 "terminated by other getUpdates request", as Telegram does.</summary>
internal sealed class BotPoll
{
    private readonly TaskCompletionSource _preempted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Preempted => _preempted.Task;

    public bool IsPreempted => _preempted.Task.IsCompleted;

    public void Preempt() => _preempted.TrySetResult();
}
