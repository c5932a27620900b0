using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Grains.Abstractions.Serialization;

/// <summary>A source-generated JSON context for grain state types. Grains register theirs with
/// <see cref="StateJsonContextServiceCollectionExtensions.AddStateJsonContext"/>; the silo's grain storage serializer
/// combines them, so stored state is readable JSON written without reflection.</summary>
public sealed record StateJsonContext(JsonSerializerContext Context);

/// <summary>Registers state JSON contexts.</summary>
public static class StateJsonContextServiceCollectionExtensions
{
    public static IServiceCollection AddStateJsonContext(this IServiceCollection services, JsonSerializerContext context)
        => services.AddSingleton(new StateJsonContext(context));
}
