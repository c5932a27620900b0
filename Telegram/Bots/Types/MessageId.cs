namespace Cluster.Telegram.Bots.Types;

/// <summary>A message identifier (core.telegram.org/bots/api#messageid), the result of copyMessage and copyMessages.</summary>
/// <remarks>A record of its own because the wire shape is an object, not a number.</remarks>
public sealed record MessageId
{
    [System.Text.Json.Serialization.JsonPropertyName("message_id")]
    public int Id { get; init; }
}
