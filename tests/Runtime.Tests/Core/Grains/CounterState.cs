namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>The persistent state of <see cref="CounterGrain"/>.</summary>
public sealed class CounterState
{
    public int Value { get; set; }
    public List<string> Silos { get; set; } = [];
}
