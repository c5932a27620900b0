namespace Cluster.Runtime;

/// <summary>A grain's persistent state, stored as JSON with an ETag. Writes are fenced by the
/// activation's directory epoch: a write from a stale activation throws <see cref="StaleEpochException"/>.</summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }
    string? Etag { get; }
    bool RecordExists { get; }
    Task ReadStateAsync(CancellationToken cancellationToken = default);
    Task WriteStateAsync(CancellationToken cancellationToken = default);
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Put on a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to have the
/// runtime supply it, loaded before <see cref="Grain.OnActivateAsync"/>. The name separates several
/// states of one grain.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}
