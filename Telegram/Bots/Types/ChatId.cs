using System.Text.Json.Serialization;

namespace Cluster.Telegram.Bots.Types;

/// <summary>The target of a method's chat_id: a numeric chat id or a public "@username".</summary>
/// <remarks>Written as a JSON number or string; read from either (a digit string counts as an id, as form posts send them).</remarks>
[JsonConverter(typeof(ChatIdJsonConverter))]
public readonly record struct ChatId
{
    public ChatId(long identifier) => (Identifier, Username) = (identifier, null);

    public ChatId(string username)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        (Identifier, Username) = (0, username.StartsWith('@') ? username : "@" + username);
    }

    /// <summary>The numeric id, when <see cref="Username"/> is null.</summary>
    public long Identifier { get; }

    /// <summary>The "@username" form, or null for a numeric id.</summary>
    public string? Username { get; }

    public static implicit operator ChatId(long identifier) => new(identifier);

    public override string ToString() => Username ?? Identifier.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
