using Cluster.Runtime.Invocation;

namespace Cluster.Runtime.Activation;

/// <summary>A grain call waiting for its turn.</summary>
internal sealed class CallWorkItem(GrainMethodInfo? method, object?[] args)
    : WorkItem
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<byte[]> Task => _completion.Task;

    /// <summary>Null for a call that only waits for the activation to be ready.</summary>
    public GrainMethodInfo? Method { get; } = method;

    public override bool Interleave => Method?.Interleave ?? true;

    public override async Task RunAsync(ActivationData activation)
    {
        if (Method is null)
        {
            _completion.TrySetResult([]);
            return;
        }
        try
        {
            _completion.TrySetResult(await activation.RunCallAsync(Method, args).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
