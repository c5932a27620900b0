using System.Net.Http.Json;
using System.Text.Json;

namespace Cluster.Silo.Tests.Infrastructure;

/// <summary>Reads and drives a simulator through its control API (<c>/sim/...</c>), as a user following the silo's
/// first log lines would: find chats by title, post to a channel, read what arrived in a chat.</summary>
internal sealed class SimulatorInspector(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<long> ChatIdAsync(string title)
    {
        using var world = JsonDocument.Parse(await _http.GetStringAsync("sim/world"));
        return world.RootElement.GetProperty("chats").EnumerateArray()
            .First(c => c.GetProperty("title").GetString() == title).GetProperty("id").GetInt64();
    }

    public async Task PostAsync(long channelId, string text)
    {
        using var response = await _http.PostAsJsonAsync($"sim/chats/{channelId}/posts", new { text });
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<string>> TextsAsync(long chatId)
    {
        using var messages = JsonDocument.Parse(await _http.GetStringAsync($"sim/chats/{chatId}/messages"));
        return messages.RootElement.EnumerateArray()
            .Select(m => m.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "").ToList();
    }

    /// <summary>Polls a chat until a message with <paramref name="text"/> is there; returns the chat's texts then.</summary>
    public async Task<IReadOnlyList<string>> WaitForTextAsync(long chatId, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<string> texts = [];
        while (DateTime.UtcNow < deadline)
        {
            texts = await TextsAsync(chatId);
            if (texts.Contains(text)) return texts;
            await Task.Delay(250);
        }
        throw new TimeoutException($"'{text}' did not arrive in chat {chatId} within {timeout}; it holds: {string.Join(" | ", texts)}");
    }

    public void Dispose() => _http.Dispose();
}
