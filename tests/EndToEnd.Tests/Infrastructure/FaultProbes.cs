using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>Edits and deletions timed around a fault, in source channels whose pairs are about to lose their silo: a few
/// seconds before the fault each channel gets four posts of the test's own (the traffic generators never touch them), so
/// they are copied before it; just before the fault the first is edited and the second deleted, just after it the third is
/// edited and the fourth deleted. The pair audit then finds whether the copies followed.</summary>
internal sealed class FaultProbes(SimulatorControl simulator, string fault, IReadOnlyList<SimChatInfo> sources)
{
    private readonly Dictionary<long, long[]> _posts = [];

    public int Channels => sources.Count;

    /// <summary>Posts the four messages in every source channel.</summary>
    public async Task PostAsync()
    {
        foreach (var source in sources)
        {
            var ids = new long[4];
            for (var i = 0; i < 4; i++) ids[i] = (await simulator.PostAsync(source.Id, $"{fault}: probe {i + 1}"))[0].Id;
            _posts[source.Id] = ids;
        }
    }

    /// <summary>Just before the fault: the first post edited, the second deleted.</summary>
    public Task BeforeFaultAsync() => EditAndDeleteAsync(edit: 0, delete: 1, "edited just before");

    /// <summary>Just after the fault: the third post edited, the fourth deleted.</summary>
    public Task AfterFaultAsync() => EditAndDeleteAsync(edit: 2, delete: 3, "edited just after");

    private Task EditAndDeleteAsync(int edit, int delete, string what)
        => Task.WhenAll(_posts.Select(async kv =>
        {
            await simulator.EditAsync(kv.Key, kv.Value[edit], $"{fault}: probe {edit + 1}, {what} the fault");
            await simulator.DeleteAsync(kv.Key, [kv.Value[delete]]);
        }));
}
