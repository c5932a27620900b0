using System.Text.Json.Serialization;

namespace Cluster.Telegram.Bots;

/// <summary>Source-generated metadata for <see cref="EmptyRequest"/>, kept out of the public wire context.</summary>
/// <remarks>Internal because the request is an implementation detail of the client.</remarks>
[JsonSerializable(typeof(EmptyRequest))]
internal sealed partial class EmptyRequestJsonContext : JsonSerializerContext;
