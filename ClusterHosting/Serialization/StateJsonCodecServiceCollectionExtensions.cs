using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cluster.Hosting.Serialization;

/// <summary>Lets Orleans' serializer carry grain state types as JSON (Orleans' System.Text.Json codec over the state
/// contexts the grains registered). Grain state is JSON, not <c>[GenerateSerializer]</c>: storage writes it through
/// <see cref="JsonGrainStateSerializer"/>. But when Orleans migrates an activation (a graceful stop hands grains over, the
/// rebalancer moves accounts), its persistent state travels in the dehydration context through Orleans' serializer;
/// without a codec for the state type that fails ("Could not find a codec for type ...") and the grain is re-read from
/// storage on its new silo instead of taking its state along.</summary>
public static class StateJsonCodecServiceCollectionExtensions
{
    public static IServiceCollection AddStateJsonCodec(this IServiceCollection services)
    {
        // Types are decided by the options below (which know the registered contexts), not by these predicates.
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSerializable: _ => false, isCopyable: _ => false, configureOptions: _ => { }));
        services.AddOptions<JsonCodecOptions>().Configure<JsonGrainStateSerializer>((codec, state) =>
        {
            var options = state.Options;
            codec.SerializerOptions = options;
            codec.IsSerializableType = type => IsStateType(type, options) ? true : null;
            codec.IsCopyableType = type => IsStateType(type, options) ? true : null;
        });
        return services;
    }

    /// <summary>A class of ours a state context knows and that Orleans has no generated codec for (primitives,
    /// collections and <c>[GenerateSerializer]</c> types keep Orleans' own codecs).</summary>
    public static bool IsStateType(Type type, JsonSerializerOptions options)
        => type is { IsClass: true, IsArray: false, IsGenericType: false }
           && type.Assembly != typeof(object).Assembly
           && type.GetCustomAttribute<GenerateSerializerAttribute>() is null
           && options.TryGetTypeInfo(type, out _);
}
