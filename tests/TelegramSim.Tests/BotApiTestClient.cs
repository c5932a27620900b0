using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.TelegramSim.Tests;

/// <summary>A raw Bot API caller for tests: sends parameters as a form (or JSON) and returns the HTTP status
/// and the JSON envelope exactly as the simulator wrote them, so tests check Telegram's wire shapes.</summary>
internal sealed class BotApiTestClient(Uri baseUrl, string token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    // Absolute: a relative "bot123:AA.../getMe" would parse as a URI with scheme "bot123".
    private Uri Url(string method) => new(baseUrl + "bot" + token + "/" + method);

    public async Task<(int Status, JsonElement Body)> FormAsync(string method, params (string Key, object? Value)[] args)
    {
        var form = args.Where(a => a.Value is not null).Select(a => new KeyValuePair<string, string>(a.Key, Format(a.Value!)));
        using var response = await _http.PostAsync(Url(method), new FormUrlEncodedContent(form));
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> JsonAsync(string method, JsonObject body, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync(Url(method), body, cancellationToken);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(new Uri(baseUrl + pathAndQuery));
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Calls a method that must succeed and returns its result.</summary>
    public async Task<JsonElement> OkAsync(string method, params (string Key, object? Value)[] args)
    {
        var (status, body) = await FormAsync(method, args);
        Assert.True(status == 200 && body.GetProperty("ok").GetBoolean(), $"{method} failed: {status} {body}");
        return body.GetProperty("result");
    }

    private static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        JsonNode n => n.ToJsonString(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
