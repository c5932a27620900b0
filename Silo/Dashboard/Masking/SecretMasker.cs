using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Diagnostics;

namespace Cluster.Silo.Dashboard.Masking;

/// <summary>Masks secrets in what the dashboard shows: by key name (api_hash, tokens, passwords, sessions, keys of
/// encryption) the value is replaced, phone numbers keep only their prefix and last two digits; and by shape, any text
/// that looks like a bot token, an api_hash or a phone number, whatever its key.</summary>
public static class SecretMasker
{
    public const string Masked = "***";

    // Compared on the key lower-cased with '_' and '-' removed.
    private static readonly string[] SecretKeyParts = ["apihash", "token", "secret", "password", "passwd", "session", "blob", "encryption", "protected", "authkey", "logincode", "privatekey", "credential"];

    /// <summary>Whether a property or state named <paramref name="key"/> holds a secret.</summary>
    public static bool IsSecretKey(string key)
    {
        var normalized = key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return SecretKeyParts.Any(part => normalized.Contains(part, StringComparison.Ordinal));
    }

    private static bool IsPhoneKey(string key) => key.Contains("phone", StringComparison.OrdinalIgnoreCase) && !key.Contains("masked", StringComparison.OrdinalIgnoreCase);

    /// <summary>A JSON document with its secrets masked (returned as indented JSON); text that is not JSON is masked as text.</summary>
    public static string MaskJson(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException) { return MaskText(json); }
        return Mask(node)?.ToJsonString(Indented) ?? "null";
    }

    // Relaxed escaping: the page shows this text (escaped as HTML by the page) and "+" should read as "+".
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonNode? Mask(JsonNode? node, string? key = null)
    {
        if (key is not null && IsSecretKey(key)) return node is null ? null : JsonValue.Create(Masked);
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                    obj[name] = Mask(obj[name]?.DeepClone(), name);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Mask(array[i]?.DeepClone(), null);
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(key is not null && IsPhoneKey(key) ? PhoneNumberMask.Mask(text) : MaskText(text));
            case JsonValue value when key is not null && IsPhoneKey(key) && value.TryGetValue<long>(out var number):
                return JsonValue.Create(PhoneNumberMask.Mask(number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            default:
                return node;
        }
    }

    /// <summary>Free text (a log message, an error) with bot tokens, api_hashes and phone numbers masked (<see cref="SecretText"/>).</summary>
    public static string MaskText(string text) => SecretText.Mask(text);
}
