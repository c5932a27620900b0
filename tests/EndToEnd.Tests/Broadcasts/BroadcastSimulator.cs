using System.Net.Http.Json;
using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Broadcasts;

/// <summary>The parts of the simulator's control API the broadcast's end-to-end test needs: users starting and blocking a bot, and what
/// every user received from it.</summary>
internal sealed class BroadcastSimulator(Uri baseUrl) : IDisposable
{
    private static SimControlJsonContext Json => SimControlJsonContext.Default;
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task StartBotAsync(long botUserId, long userId) => await PostAsync($"sim/bots/{botUserId}/start/{userId}");

    public async Task BlockBotAsync(long botUserId, long userId) => await PostAsync($"sim/bots/{botUserId}/blocked/{userId}?blocked=true");

    /// <summary>Every message the bot sent in its private chats, as the simulator recorded them.</summary>
    public async Task<IReadOnlyList<SimBotPrivateMessage>> PrivateMessagesAsync(long botUserId)
        => await _http.GetFromJsonAsync($"sim/bots/{botUserId}/private-messages", Json.IReadOnlyListSimBotPrivateMessage) ?? [];

    private async Task PostAsync(string path)
    {
        using var response = await _http.PostAsync(path, null);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _http.Dispose();
}
