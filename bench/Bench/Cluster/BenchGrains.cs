using Cluster.Grains.Abstractions.Keeping;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Cluster.Bench.ClusterBench;

/// <summary>The smallest useful grain: one call that echoes a number (remote calls, latency, memory per idle activation).</summary>
[Alias("Cluster.Bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    ValueTask<int> PingAsync(int value);
}

/// <summary>An empty grain: what a call and an idle activation cost Orleans itself.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<int> PingAsync(int value) => ValueTask.FromResult(value);
}

/// <summary>An always-on grain as the product's are (an enabled account, pair or bot): it registers itself with the
/// keeper and says which silo it runs on.</summary>
[Alias("Cluster.Bench.IKeptBenchGrain")]
public interface IKeptBenchGrain : IAlwaysOnGrain
{
    [Alias("Enable")]
    Task EnableAsync();

    [Alias("Silo")]
    [AlwaysInterleave]
    Task<string> SiloAsync();
}

public sealed class KeptBenchGrain(IAlwaysOnRegistry registry, ILocalSiloDetails silo) : Grain, IKeptBenchGrain
{
    public Task KeepAliveAsync() => Task.CompletedTask;

    public Task EnableAsync() => registry.AddAsync(this.GetGrainId());

    public Task<string> SiloAsync() => Task.FromResult(silo.SiloAddress.ToString());
}

/// <summary>The memory of the silo process it runs in, after full collections.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.Bench.SiloMemory")]
public readonly record struct SiloMemory(
    [property: Id(0)] long ManagedBytes,
    [property: Id(1)] long WorkingSetBytes);

[Alias("Cluster.Bench.ISiloProbeGrain")]
public interface ISiloProbeGrain : IGrainWithIntegerKey
{
    [Alias("Memory")]
    Task<SiloMemory> MemoryAsync();
}

/// <summary>Reads the memory of the silo it is activated on (one silo: the memory benchmark's).</summary>
public sealed class SiloProbeGrain : Grain, ISiloProbeGrain
{
    public Task<SiloMemory> MemoryAsync()
    {
        var managed = Reporting.Measure.Memory();
        return Task.FromResult(new SiloMemory(managed, Environment.WorkingSet));
    }
}
