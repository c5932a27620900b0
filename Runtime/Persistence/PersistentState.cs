using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Persistence;

/// <summary>A grain's named state over the cluster's state table: JSON with an ETag, every write carrying the
/// activation's fence token so a write from an activation that lost the grain is refused
/// (<see cref="StaleEpochException"/>). A fenced silo refuses writes without touching the database.</summary>
internal sealed class PersistentState<TState>(ActivationData activation, string stateName, JsonTypeInfo<TState> typeInfo)
    : IPersistentState<TState>, IActivationState where TState : new()
{
    public TState State { get; set; } = new();
    public string? Etag { get; private set; }
    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        EnsureNotFenced("read");
        var stored = await activation.Catalog.Storage.States.ReadAsync(activation.GrainId.ToString(), stateName, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            State = new();
            Etag = null;
            return;
        }
        State = JsonSerializer.Deserialize(stored.Json, typeInfo) ?? new();
        Etag = stored.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        EnsureNotFenced("written");
        var json = JsonSerializer.Serialize(State, typeInfo);
        Etag = await activation.Catalog.Storage.States.WriteAsync(activation.GrainId.ToString(), stateName, json, Etag, activation.Fence, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        EnsureNotFenced("cleared");
        await activation.Catalog.Storage.States.ClearAsync(activation.GrainId.ToString(), stateName, Etag, activation.Fence, cancellationToken).ConfigureAwait(false);
        State = new();
        Etag = null;
    }

    private void EnsureNotFenced(string what)
    {
        if (activation.Catalog.IsFenced)
            throw new StaleEpochException($"State '{stateName}' of {activation.GrainId} cannot be {what}: silo {activation.Fence.SiloId} has fenced itself.");
    }
}
