using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>Edits, deletions and replies timed around a fault, in source channels whose pairs are about to lose their silo.
/// A few seconds before the fault each channel gets posts of the test's own (the traffic generators never touch them), so
/// they are copied before it: four texts, an album of three photos, a reply to the second text and a reply to the album's
/// second message. Just before the fault the first text is edited and the second deleted (its reply stays), and two replies
/// are posted: one to the fourth text, one to the second text that is deleted already; last a fifth text. Just after it
/// the fifth text is deleted first (its send may have been cut short by the fault: a send in doubt whose source is gone),
/// then the third text is edited, a reply to the album's third message and an album replying to the third text are
/// posted, and the fourth text (which the reply posted before the fault points at) and the album's second message are
/// deleted. The pair audit then
/// finds whether the copies followed and whether their replies point at the right copies.</summary>
internal sealed class FaultProbes(SimulatorControl simulator, string fault, IReadOnlyList<SimChatInfo> sources)
{
    private readonly Dictionary<long, (long[] Texts, long[] Album)> _posts = [];
    private readonly Dictionary<long, long> _justBefore = [];

    public int Channels => sources.Count;

    /// <summary>Posts the texts, the album and the first two replies in every source channel.</summary>
    public async Task PostAsync()
    {
        foreach (var source in sources)
        {
            var texts = new long[4];
            for (var i = 0; i < 4; i++) texts[i] = (await simulator.PostAsync(source.Id, $"{fault}: probe {i + 1}"))[0].Id;
            var album = (await simulator.PostAsync(source.Id, $"{fault}: probe album", photos: 3)).Select(m => m.Id).ToArray();
            await simulator.PostAsync(source.Id, $"{fault}: reply to probe 2", photos: 0, replyTo: texts[1]);
            await simulator.PostAsync(source.Id, $"{fault}: reply to album message 2", photos: 0, replyTo: album[1]);
            _posts[source.Id] = (texts, album);
        }
    }

    /// <summary>Just before the fault: the first text edited, the second deleted, a reply to the fourth and one to the
    /// (deleted) second posted, and last a text that is deleted just after the fault (its send may be cut short by it).</summary>
    public Task BeforeFaultAsync() => InEveryChannelAsync(async (channel, texts, _) =>
    {
        await simulator.EditAsync(channel, texts[0], $"{fault}: probe 1, edited just before the fault");
        await simulator.DeleteAsync(channel, [texts[1]]);
        await simulator.PostAsync(channel, $"{fault}: reply to probe 4, posted just before the fault", photos: 0, replyTo: texts[3]);
        await simulator.PostAsync(channel, $"{fault}: reply to the deleted probe 2, posted just before the fault", photos: 0, replyTo: texts[1]);
        var last = (await simulator.PostAsync(channel, $"{fault}: probe 5, posted just before the fault and deleted just after it"))[0].Id;
        lock (_justBefore) _justBefore[channel] = last;
    });

    /// <summary>Just after the fault: the fifth text (posted just before it) deleted, the third text edited, a reply to the
    /// album's third message and an album replying to the third text posted, the fourth text and the album's second message
    /// deleted (both have replies).</summary>
    public Task AfterFaultAsync() => InEveryChannelAsync(async (channel, texts, album) =>
    {
        long last;
        lock (_justBefore) last = _justBefore[channel];
        await simulator.DeleteAsync(channel, [last]);
        await simulator.EditAsync(channel, texts[2], $"{fault}: probe 3, edited just after the fault");
        await simulator.PostAsync(channel, $"{fault}: reply to album message 3, posted just after the fault", photos: 0, replyTo: album[2]);
        await simulator.PostAsync(channel, $"{fault}: album replying to probe 3, posted just after the fault", photos: 2, replyTo: texts[2]);
        await simulator.DeleteAsync(channel, [texts[3]]);
        await simulator.DeleteAsync(channel, [album[1]]);
    });

    private Task InEveryChannelAsync(Func<long, long[], long[], Task> act)
        => Task.WhenAll(_posts.Select(kv => act(kv.Key, kv.Value.Texts, kv.Value.Album)));
}
