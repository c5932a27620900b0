using Cluster.Hosting.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Cluster.TestSupport.Orleans;

/// <summary>Grain state of one test cluster, in this process's memory and shared by all its silos, so that state outlives
/// the silo that wrote it (a stopped, killed or restarted silo; the last silo of the cluster too), as it does in the
/// cluster database. Orleans' memory storage keeps state in grains of the cluster itself, lost with their silo.</summary>
/// <remarks>Stands in for the database while <c>AddClusterStorage</c> registers in-memory stores only (see
/// <see cref="GrainCluster"/>). Writes are checked by ETag as a database checks them: a write or clear carrying another
/// ETag than the stored one (a stale activation's) is refused with <see cref="InconsistentStateException"/>.</remarks>
public sealed class SharedGrainStateStore
{
    private readonly Dictionary<string, (byte[] Data, string ETag)> _records = new(StringComparer.Ordinal);

    /// <summary>The stored form of a grain's state (what the silos' storage serializer wrote), or null when there is none.</summary>
    public string? ReadText(string stateName, GrainId grain)
    {
        lock (_records) return _records.TryGetValue(Key(stateName, grain), out var record) ? Encoding.UTF8.GetString(record.Data) : null;
    }

    /// <summary>The stored bytes of a grain's state, or null when there is none.</summary>
    public byte[]? ReadBytes(string stateName, GrainId grain)
    {
        lock (_records) return _records.TryGetValue(Key(stateName, grain), out var record) ? record.Data : null;
    }

    /// <summary>The names of the states stored for a grain.</summary>
    public IReadOnlyList<string> StateNames(GrainId grain)
    {
        var suffix = "/" + grain;
        lock (_records) return _records.Keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal)).Select(k => k[..^suffix.Length]).Order(StringComparer.Ordinal).ToList();
    }

    internal static string Key(string stateName, GrainId grain) => $"{stateName}/{grain}";

    internal (byte[] Data, string ETag)? Read(string key)
    {
        lock (_records) return _records.TryGetValue(key, out var record) ? record : null;
    }

    internal string Write(string key, byte[] data, string? etag)
    {
        lock (_records)
        {
            Check(key, etag, "write");
            var next = Guid.NewGuid().ToString("N");
            _records[key] = (data, next);
            return next;
        }
    }

    internal void Clear(string key, string? etag)
    {
        lock (_records)
        {
            Check(key, etag, "clear");
            _records.Remove(key);
        }
    }

    private void Check(string key, string? etag, string operation)
    {
        var stored = _records.TryGetValue(key, out var record) ? record.ETag : null;
        if (stored != etag)
            throw new InconsistentStateException($"The {operation} of {key} carries ETag {etag ?? "(none)"}, the store holds {stored ?? "(none)"}.", stored, etag);
    }
}

/// <summary>A silo's <see cref="IGrainStorage"/> over the cluster's <see cref="SharedGrainStateStore"/>, serialising state
/// as JSON through the grains' state contexts (the product's <see cref="JsonGrainStateSerializer"/>), as the database providers do.</summary>
internal sealed class SharedGrainStorage(SharedGrainStateStore store, IGrainStorageSerializer serializer, IActivatorProvider activators)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    // It stands in for the database provider, which Orleans also starts with the silo: nothing to open here.
    public void Participate(ISiloLifecycle lifecycle) { }

    private volatile bool _fenced;

    public static SharedGrainStorage Create(IServiceProvider services, SharedGrainStateStore store) => new(store,
        services.GetRequiredService<JsonGrainStateSerializer>(), services.GetRequiredService<IActivatorProvider>());

    public IGrainStorageSerializer Serializer => serializer;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = store.Read(SharedGrainStateStore.Key(stateName, grainId));
        if (record is { } found)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(found.Data)) ?? Create<T>();
            grainState.ETag = found.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    /// <summary>From now on every write and clear fails, as the storage calls of a crashed process never happen.</summary>
    public void Fence() => _fenced = true;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfFenced(stateName, grainId);
        var data = serializer.Serialize(grainState.State).ToArray();
        grainState.ETag = store.Write(SharedGrainStateStore.Key(stateName, grainId), data, grainState.ETag);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfFenced(stateName, grainId);
        store.Clear(SharedGrainStateStore.Key(stateName, grainId), grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Create<T>();
        return Task.CompletedTask;
    }

    private void ThrowIfFenced(string stateName, GrainId grainId)
    {
        if (_fenced) throw new OrleansException($"The silo was killed: {stateName} of {grainId} is not written.");
    }

    private T Create<T>() => activators.GetActivator<T>().Create();
}
