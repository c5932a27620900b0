using System.Text.Json.Serialization;

namespace Cluster.Runtime.Membership;

/// <summary>Source-generated JSON for the load published in membership rows.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PublishedLoad))]
internal sealed partial class MembershipJsonContext : JsonSerializerContext;
