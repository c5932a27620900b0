using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Http;

namespace Cluster.TelegramSim.BotApi;

/// <summary>The parameters of one Bot API call, from the query string, a form (urlencoded or multipart)
/// or a JSON body, read the same way whatever the encoding: Telegram accepts all of them.</summary>
internal sealed class BotApiArgs
{
    private readonly Dictionary<string, JsonElement> _json = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public static async Task<BotApiArgs> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var args = new BotApiArgs();
        foreach (var (key, value) in request.Query) args._text[key] = value.ToString();
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in doc.RootElement.EnumerateObject()) args._json[p.Name] = p.Value.Clone();
                }
            }
            catch (JsonException)
            {
                throw SimErrors.BadRequest("can't parse JSON object");
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in form) args._text[key] = value.ToString();
            foreach (var file in form.Files) args._files[file.Name] = string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName;
        }
        return args;
    }

    public bool Has(string name) => _json.ContainsKey(name) || _text.ContainsKey(name) || _files.ContainsKey(name);

    public string? String(string name)
    {
        if (_json.TryGetValue(name, out var e))
        {
            return e.ValueKind switch
            {
                JsonValueKind.String => e.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => e.GetRawText(),
            };
        }
        return _text.GetValueOrDefault(name);
    }

    public long? Long(string name)
    {
        var s = String(name);
        if (string.IsNullOrEmpty(s)) return null;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw SimErrors.BadRequest($"invalid {name} specified");
    }

    public int? Int(string name)
    {
        var v = Long(name);
        return v is null ? null : v is >= int.MinValue and <= int.MaxValue ? (int)v : throw SimErrors.BadRequest($"invalid {name} specified");
    }

    public bool Bool(string name, bool defaultValue = false)
    {
        var s = String(name);
        if (string.IsNullOrEmpty(s)) return defaultValue;
        return s.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw SimErrors.BadRequest($"invalid {name} specified"),
        };
    }

    /// <summary>A JSON-valued parameter: an object in a JSON body, or a JSON string in a form or query.</summary>
    public T? Json<T>(string name, JsonTypeInfo<T> info, string whatForError)
    {
        try
        {
            if (_json.TryGetValue(name, out var e))
            {
                if (e.ValueKind == JsonValueKind.Null) return default;
                return e.ValueKind == JsonValueKind.String ? JsonSerializer.Deserialize(e.GetString()!, info) : e.Deserialize(info);
            }
            var s = _text.GetValueOrDefault(name);
            return string.IsNullOrEmpty(s) ? default : JsonSerializer.Deserialize(s, info);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw SimErrors.BadRequest($"can't parse {whatForError}");
        }
    }

    /// <summary>chat_id, required.</summary>
    public string ChatId(string name = "chat_id") =>
        String(name) is { Length: > 0 } s ? s : throw SimErrors.BadRequest($"{name} is empty");

    public long RequiredLong(string name, string missing) => Long(name) ?? throw SimErrors.BadRequest(missing);

    /// <summary>A file parameter: a file_id or URL string, or an uploaded file part (becomes "upload:&lt;name&gt;").</summary>
    public string? File(string name)
    {
        if (_files.TryGetValue(name, out var fileName)) return "upload:" + fileName;
        var s = String(name);
        return s is null ? null : Attach(s);
    }

    /// <summary>Resolves "attach://part" to the uploaded part of that name.</summary>
    public string Attach(string value) =>
        value.StartsWith("attach://", StringComparison.Ordinal)
            ? _files.TryGetValue(value[9..], out var f) ? "upload:" + f : throw SimErrors.BadRequest("wrong file identifier/HTTP URL specified")
            : value;
}
