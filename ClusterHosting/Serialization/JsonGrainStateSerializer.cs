using Cluster.Grains.Abstractions.Serialization;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Cluster.Hosting.Serialization;

/// <summary>Writes grain state as System.Text.Json through source-generated contexts, so the cluster database holds
/// JSON a person can read (and fix) rather than Orleans' binary format. Set it as
/// <c>AdoNetGrainStorageOptions.GrainStorageSerializer</c>, on SQLite and PostgreSQL alike.</summary>
/// <remarks>Tolerant of a state type changing between versions: a property the document has and the type no longer
/// has is skipped, and a property the type has and the document lacks keeps the value the type gives it when
/// constructed (its initializer, or the default). Every state type must be known to one of the contexts
/// (<c>[JsonSerializable(typeof(MyState))]</c>); no reflection fallback, so a type that was forgotten fails at its first
/// read or write with a message naming it, not with a silently different format.</remarks>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions options;

    /// <summary>The (read-only) JSON options state is written with: the contexts' resolvers combined, the first context's
    /// settings, unknown members skipped.</summary>
    public JsonSerializerOptions Options => options;
    private readonly string contextNames;

    /// <summary>The serializer of the state contexts the grains registered (<see cref="StateJsonContext"/>); one per silo, shared
    /// by its grain storage and by the codec that carries state when an activation migrates.</summary>
    public static JsonGrainStateSerializer ForRegisteredContexts(IServiceProvider services)
        => new(services.GetServices<StateJsonContext>().Select(c => c.Context).ToArray());

    /// <summary>A serializer that knows the types of <paramref name="contexts"/> (their resolvers combined, the first
    /// that knows a type wins). Settings such as naming policy and indentation are the first context's.</summary>
    public JsonGrainStateSerializer(params JsonSerializerContext[] contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        // No context (a silo whose grains store no state): any state type is then refused at use, by name.
        contextNames = contexts.Length == 0 ? "(none)" : string.Join(", ", contexts.Select(context => context.GetType().FullName));
        options = CreateOptions(contexts);
    }

    private static JsonSerializerOptions CreateOptions(IReadOnlyList<JsonSerializerContext> contexts)
    {
        var options = new JsonSerializerOptions(contexts.Count > 0 ? contexts[0].Options : JsonSerializerOptions.Default)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. contexts]),
            // Fields removed from a state type are skipped when an older document is read back.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.MakeReadOnly();
        return options;
    }

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input!, TypeInfo<T>()));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize(input.ToMemory().Span, TypeInfo<T>())!;
    }

    private JsonTypeInfo<T> TypeInfo<T>() =>
        options.TryGetTypeInfo(typeof(T), out var typeInfo)
            ? (JsonTypeInfo<T>)typeInfo
            : throw new InvalidOperationException(
                $"No JsonSerializerContext given to {nameof(JsonGrainStateSerializer)} knows the grain state type {typeof(T).FullName} " +
                $"(contexts: {contextNames}); add [JsonSerializable(typeof({typeof(T).Name}))] to one of them");
}
