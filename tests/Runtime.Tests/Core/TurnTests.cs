using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Core;

/// <summary>Turn-based execution: one call at a time per activation, [AlwaysInterleave] beside it, timers as turns.</summary>
public sealed class TurnTests
{
    [Fact]
    public async Task Calls_to_one_grain_run_one_at_a_time()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>("serial");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.WorkAsync(20)));

        Assert.Equal(1, await grain.MaxConcurrencyAsync());
    }

    [Fact]
    public async Task Calls_to_different_grains_run_in_parallel()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var gateKey = Guid.NewGuid().ToString("N");
        var blocked = silo.GrainFactory.GetGrain<ITurnGrain>(gateKey).WaitForGateAsync();

        Assert.Equal(1, await silo.GrainFactory.GetGrain<ITurnGrain>("other").WorkAsync(1));

        Assert.False(blocked.IsCompleted);
        TurnGrain.Gates.GetOrAdd(gateKey, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        Assert.Equal("opened", await blocked);
    }

    [Fact]
    public async Task An_always_interleave_method_answers_while_a_call_is_in_progress()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(key);
        var gate = TurnGrain.Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        var waiting = grain.WaitForGateAsync();
        await ActivationTests.WaitUntil(() => grain.StatusAsync().Result == "waiting");
        var queued = grain.WorkAsync(1);

        Assert.Equal("waiting", await grain.StatusAsync());
        Assert.False(waiting.IsCompleted);
        Assert.False(queued.IsCompleted);
        gate.TrySetResult();
        Assert.Equal("opened", await waiting);
        Assert.Equal(1, await queued);
        Assert.Equal("done", await grain.StatusAsync());
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_and_repeat()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>("timer");

        await grain.StartTimerAsync(10);
        for (var i = 0; i < 20; i++) await grain.WorkAsync(5);
        await ActivationTests.WaitUntil(() => grain.TicksAsync().AsTask().Result >= 3);

        Assert.Equal(1, await grain.MaxConcurrencyAsync());
    }

    [Fact]
    public async Task Timers_stop_when_the_activation_deactivates()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>("timer-stop");
        await grain.StartTimerAsync(10);
        await ActivationTests.WaitUntil(() => grain.TicksAsync().AsTask().Result >= 1);

        await silo.Catalog.DeactivateAsync(new GrainId("turn", "timer-stop"), DeactivationReason.Requested, CancellationToken.None);
        await Task.Delay(100);

        Assert.Equal(0, await grain.TicksAsync());
    }
}
