using System.Globalization;
using System.Text.Json;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Http;

namespace Cluster.TelegramSim.BotApi;

/// <summary>The parameters of one Bot API call, from the query string, a form (urlencoded or multipart)
/// or a JSON body, read the same way whatever the encoding: Telegram accepts all of them.</summary>
/// <remarks>Telegram.Bot sends JSON bodies, and multipart/form-data when a request carries a file stream: then each field is a
/// part holding its JSON value (strings bare, objects as JSON, booleans as "True"/"False") and each file a part named "0",
/// "1", ... that the fields point to with "attach://0".</remarks>
internal sealed class BotApiArgs
{
    private readonly Dictionary<string, JsonElement> _json = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimUpload> _files = new(StringComparer.Ordinal);

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
            foreach (var file in form.Files)
                args._files[file.Name] = new SimUpload(string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName, file.Length);
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
    /// <remarks>Read with Telegram.Bot's JSON settings: fields left out are false, 0 or null.</remarks>
    public T? Json<T>(string name, string whatForError)
    {
        try
        {
            if (_json.TryGetValue(name, out var e))
            {
                if (e.ValueKind == JsonValueKind.Null) return default;
                return e.ValueKind == JsonValueKind.String ? JsonSerializer.Deserialize<T>(e.GetString()!, SimJson.Read) : e.Deserialize<T>(SimJson.Read);
            }
            var s = _text.GetValueOrDefault(name);
            return string.IsNullOrEmpty(s) ? default : JsonSerializer.Deserialize<T>(s, SimJson.Read);
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

    /// <summary>A file parameter: a file_id or URL string, or an uploaded file part (by the parameter's own name, or
    /// "attach://part").</summary>
    public SimFileReference? File(string name)
    {
        if (_files.TryGetValue(name, out var upload)) return new SimFileReference("upload:" + upload.FileName, upload);
        var s = String(name);
        return s is null ? null : Attach(s);
    }

    /// <summary>Resolves "attach://part" to the uploaded part of that name; any other value is a file_id or URL.</summary>
    public SimFileReference Attach(string value) =>
        value.StartsWith("attach://", StringComparison.Ordinal)
            ? _files.TryGetValue(value[9..], out var f) ? new SimFileReference("upload:" + f.FileName, f) : throw SimErrors.WrongFileId()
            : new SimFileReference(value, null);
}

/// <summary>A file uploaded in a multipart request: its file name and size in bytes.</summary>
internal sealed record SimUpload(string FileName, long Length);

/// <summary>A file a request names: a file_id, a URL, or "upload:&lt;name&gt;" with the uploaded part.</summary>
internal sealed record SimFileReference(string Value, SimUpload? Upload);
