using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Cluster.Telegram.Accounts;

namespace Cluster.Bench.Forwarding;

/// <summary>The client's update stream as the account grain reads it, stamping each new message when the grain takes it:
/// the "update arrival" of the latency figure. No extra hop: reads go straight to the wrapped reader.</summary>
public sealed class StampingUpdateReader(ChannelReader<AccountUpdate> inner, ForwardingStopwatch stopwatch) : ChannelReader<AccountUpdate>
{
    public override Task Completion => inner.Completion;

    public override bool TryRead([MaybeNullWhen(false)] out AccountUpdate item)
    {
        if (!inner.TryRead(out item)) return false;
        if (item is NewMessagesUpdate { Messages.Count: > 0 } update)
            foreach (var message in update.Messages) stopwatch.Arrived(update.ChatId, message.Id);
        return true;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);
}
