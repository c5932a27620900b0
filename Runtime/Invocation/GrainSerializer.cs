using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cluster.Runtime.Invocation;

/// <summary>Serialises grain arguments, results and states with the application's source-generated contexts
/// (registered with <c>AddGrainJsonContext</c>) combined with the runtime's primitives; a type none of them
/// knows is an error that names the type.</summary>
public sealed class GrainSerializer
{
    private readonly JsonSerializerOptions _options;

    public GrainSerializer(IEnumerable<GrainJsonContextRegistration> contexts)
    {
        var resolvers = contexts.Select(c => (IJsonTypeInfoResolver)c.Context).Append(GrainPrimitivesJsonContext.Default).ToArray();
        _options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine(resolvers) };
        _options.MakeReadOnly();
    }

    /// <summary>True when some registered context knows the type.</summary>
    public bool Knows(Type type) => _options.TryGetTypeInfo(type, out _);

    public JsonTypeInfo GetTypeInfo(Type type)
        => _options.TryGetTypeInfo(type, out var info)
            ? info
            : throw new InvalidOperationException(
                $"No JsonSerializerContext registered with AddGrainJsonContext knows the type '{type.FullName}'. " +
                $"Add [JsonSerializable(typeof({type.Name}))] to your context and register it.");

    public JsonTypeInfo<T> GetTypeInfo<T>() => (JsonTypeInfo<T>)GetTypeInfo(typeof(T));

    internal static byte[] Serialize<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(value, info);

    internal static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> info)
        => JsonSerializer.Deserialize(json, info)!;

    /// <summary>Writes arguments as one JSON array, each with its parameter's metadata.</summary>
    internal static byte[] SerializeArguments(object?[]? args, JsonTypeInfo[] parameterTypes)
    {
        if (parameterTypes.Length == 0) return EmptyArray;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < parameterTypes.Length; i++)
                JsonSerializer.Serialize(writer, args![i], parameterTypes[i]);
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the JSON array written by <see cref="SerializeArguments"/>.</summary>
    internal static object?[] DeserializeArguments(ReadOnlySpan<byte> json, JsonTypeInfo[] parameterTypes)
    {
        if (parameterTypes.Length == 0) return [];
        var args = new object?[parameterTypes.Length];
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("Grain call arguments must be a JSON array.");
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                throw new JsonException($"Grain call has fewer arguments than the method's {parameterTypes.Length}.");
            args[i] = JsonSerializer.Deserialize(ref reader, parameterTypes[i]);
        }
        return args;
    }

    internal static readonly byte[] EmptyArray = "[]"u8.ToArray();
}
