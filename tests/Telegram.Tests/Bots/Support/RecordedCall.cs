using System.Text.Json;

namespace Cluster.Telegram.Tests.Bots.Support;

/// <summary>One call the fake Bot API server received.</summary>
/// <remarks>At is the server-side arrival time since the server started.</remarks>
internal sealed record RecordedCall(string Method, string Token, JsonElement Body, string? ContentType, TimeSpan At);
