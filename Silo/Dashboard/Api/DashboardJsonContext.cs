using System.Text.Json.Serialization;

namespace Cluster.Silo.Dashboard.Api;

/// <summary>Source-generated JSON of the dashboard's API answers (camelCase, as the page's JavaScript reads them).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(TelegramView))]
[JsonSerializable(typeof(LogsView))]
public sealed partial class DashboardJsonContext : JsonSerializerContext;
