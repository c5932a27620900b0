using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.Silo.Health;

/// <summary>Source-generated JSON for the health endpoints' answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthReportResponse))]
public sealed partial class HealthJsonContext : JsonSerializerContext;
