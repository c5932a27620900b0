using System.Collections.Concurrent;
using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Core;

/// <summary>Graceful shutdown: a stopping silo hands its grains to the others while clients keep calling.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public Task Graceful_shutdown_hands_grains_to_the_other_silo_with_zero_failed_client_calls()
        => GracefulShutdownLosesNoCall(TestDatabases.Sqlite);

    internal static async Task GracefulShutdownLosesNoCall(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var a = await TestSilo.StartAsync(database);
        await using var b = await TestSilo.StartAsync(database);
        const int grains = 16;
        for (var i = 0; i < grains; i++)
            await (i % 2 == 0 ? a : b).GrainFactory.GetGrain<ICounterGrain>($"g{i}").IncrementAsync();
        Assert.Equal(grains / 2, a.Catalog.Count);
        var (client, services) = TestClients.Create(database);
        await using var _ = services;

        long stoppedAt = long.MaxValue / 2;
        var succeeded = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                var grain = random.Next(grains);
                try
                {
                    await client.GetGrain<ICounterGrain>($"g{grain}").IncrementAsync();
                    succeeded.AddOrUpdate(grain, 1, (_, n) => n + 1);
                }
                catch (Exception e)
                {
                    failures.Enqueue(new Exception($"at {Environment.TickCount64 - stoppedAt} ms after stop began (a={a.Address}, b={b.Address}): {e.Message}"));
                }
            }
        })).ToList();

        await Task.Delay(300);
        stoppedAt = Environment.TickCount64;
        await a.StopAsync();
        var stopTook = Environment.TickCount64 - stoppedAt;
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(workers);

        Assert.True(failures.IsEmpty, $"stop took {stopTook} ms; " + string.Join(" | ", failures.Select(f => f.Message)));
        Assert.True(succeeded.Values.Sum() > grains, $"only {succeeded.Values.Sum()} calls ran");
        for (var i = 0; i < grains; i++)
        {
            var counter = b.GrainFactory.GetGrain<ICounterGrain>($"g{i}");
            Assert.Equal(1 + succeeded.GetValueOrDefault(i), await counter.GetAsync());
            Assert.Equal(b.SiloId, await counter.GetSiloAsync());
        }
        var ownedByA = await database.Storage.Directory.ListOwnedAsync(a.SiloId, CancellationToken.None);
        Assert.Empty(ownedByA);
    }
}
