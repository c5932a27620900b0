using System.Text.Json.Serialization;

namespace Cluster.Grains.Campaigns;

/// <summary>Source-generated JSON for the persistent state of the campaign, chunk and campaign registry grains.</summary>
/// <remarks>Registered by <see cref="CampaignServiceCollectionExtensions.AddCampaignGrains"/>; same options as the other grain contexts.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CampaignGrainState))]
[JsonSerializable(typeof(CampaignChunkState))]
[JsonSerializable(typeof(CampaignRegistryState))]
public sealed partial class CampaignStateJsonContext : JsonSerializerContext;
