using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>The simulator's control API (<c>/sim/...</c>) for a test in another process: build the world (accounts,
/// users, channels, admins), post, edit, delete, run channel traffic, and read back messages and call counts.</summary>
internal sealed class SimulatorControl(Uri baseUrl) : IDisposable
{
    private static SimControlJsonContext Json => SimControlJsonContext.Default;
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUrl => baseUrl;

    public Task<SimAccountInfo> CreateAccountAsync(string phone, string firstName, string? username = null)
        => PostAsync("sim/accounts", new CreateAccountRequest(phone, firstName, username), Json.CreateAccountRequest, Json.SimAccountInfo);

    public Task<SimUser> CreateUserAsync(string firstName, string? username = null)
        => PostAsync("sim/users", new CreateUserRequest(firstName, username), Json.CreateUserRequest, Json.SimUser);

    /// <summary>How many private messages containing <paramref name="text"/> each user received from user accounts (users who
    /// received none are left out): the simulator's record of a campaign.</summary>
    public async Task<IReadOnlyDictionary<long, int>> ReceivedAsync(string text)
        => (await _http.GetFromJsonAsync($"sim/received?contains={Uri.EscapeDataString(text)}", Json.IReadOnlyListReceivedCount) ?? []).ToDictionary(r => r.UserId, r => r.Count);

    public Task<SimChatInfo> CreateChannelAsync(string title, string? username, long ownerUserId)
        => PostAsync("sim/chats", new CreateChatRequest("channel", title, username, ownerUserId), Json.CreateChatRequest, Json.SimChatInfo);

    /// <summary>Makes <paramref name="userId"/> an administrator of the chat (default rights: may post, edit and delete).</summary>
    public Task<SimMember> MakeAdminAsync(long chatId, long userId)
        => PostAsync($"sim/chats/{chatId}/members", new SetMemberRequest(userId, "administrator"), Json.SetMemberRequest, Json.SimMember);

    /// <summary>Posts to a channel as the channel; returns the message(s) created.</summary>
    public Task<IReadOnlyList<SimMessage>> PostAsync(long channelId, string text)
        => PostAsync($"sim/chats/{channelId}/posts", new PostRequest(text), Json.PostRequest, Json.IReadOnlyListSimMessage);

    /// <summary>Posts to a channel as the channel, optionally <paramref name="albumSize"/> photos (an album when more than one,
    /// <paramref name="text"/> the first one's caption) and as a reply to <paramref name="replyTo"/>; returns the message(s) created.</summary>
    public Task<IReadOnlyList<SimMessage>> PostAsync(long channelId, string text, int photos, long? replyTo = null)
        => PostAsync($"sim/chats/{channelId}/posts", new PostRequest(text, Media: photos > 0 ? "photo" : null, AlbumSize: Math.Max(1, photos), ReplyToMessageId: replyTo),
            Json.PostRequest, Json.IReadOnlyListSimMessage);

    public Task<IReadOnlyList<SimMessage>> EditAsync(long channelId, long messageId, string text)
        => PostAsync($"sim/chats/{channelId}/edits", new EditRequest(messageId, text), Json.EditRequest, Json.IReadOnlyListSimMessage);

    public async Task DeleteAsync(long chatId, IReadOnlyList<long> messageIds)
    {
        using var response = await _http.PostAsJsonAsync($"sim/chats/{chatId}/deletions", new DeleteRequest(messageIds), Json.DeleteRequest);
        await EnsureSuccessAsync(response);
    }

    /// <summary>The chat's messages, oldest first; deleted ones too when <paramref name="includeDeleted"/>.</summary>
    public async Task<IReadOnlyList<SimMessage>> MessagesAsync(long chatId, bool includeDeleted = false)
        => await _http.GetFromJsonAsync($"sim/chats/{chatId}/messages?includeDeleted={(includeDeleted ? "true" : "false")}", Json.IReadOnlyListSimMessage) ?? [];

    public async Task<SimChatInfo> ChatAsync(long chatId)
        => await _http.GetFromJsonAsync($"sim/chats/{chatId}", Json.SimChatInfo) ?? throw new InvalidOperationException($"No chat {chatId}.");

    /// <summary>Starts a channel posting on its own (text, photos, albums, edits, deletions by weight); returns the source id.</summary>
    public async Task<long> StartChannelTrafficAsync(ChannelTrafficOptions options)
        => (await PostAsync("sim/traffic/channel", options, Json.ChannelTrafficOptions, Json.IdResponse)).Id;

    /// <summary>Stops every traffic source and waits until they stopped.</summary>
    public async Task StopTrafficAsync()
    {
        using var response = await _http.DeleteAsync("sim/traffic");
        await EnsureSuccessAsync(response);
    }

    public async Task<IReadOnlyList<SimTrafficInfo>> TrafficAsync()
        => await _http.GetFromJsonAsync("sim/traffic", Json.IReadOnlyListSimTrafficInfo) ?? [];

    /// <summary>How many answers of each error the simulator gave (AUTH_KEY_DUPLICATED, 429, 409, ...).</summary>
    public async Task<CallCountsResponse> CallCountsAsync()
        => await _http.GetFromJsonAsync("sim/calls/counts", Json.CallCountsResponse) ?? throw new InvalidOperationException("No call counts.");

    /// <summary>The answers the simulator gave, filtered by status (e.g. 406 for AUTH_KEY_DUPLICATED), oldest first.</summary>
    public async Task<IReadOnlyList<SimCallRecord>> CallsAsync(int? status = null)
        => await _http.GetFromJsonAsync("sim/calls" + (status is { } s ? $"?status={s}" : ""), Json.IReadOnlyListSimCallRecord) ?? [];

    /// <summary>The answers the simulator gave one user's clients (an account's calls), oldest first.</summary>
    public async Task<IReadOnlyList<SimCallRecord>> CallsOfUserAsync(long userId)
        => await _http.GetFromJsonAsync($"sim/calls?userId={userId}", Json.IReadOnlyListSimCallRecord) ?? [];

    public async Task<SimAccountInfo> AccountAsync(long userId)
        => await _http.GetFromJsonAsync($"sim/accounts/{userId}", Json.SimAccountInfo) ?? throw new InvalidOperationException($"No account {userId}.");

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo)
    {
        using var response = await _http.PostAsJsonAsync(path, body, requestInfo);
        await EnsureSuccessAsync(response);
        return await response.Content.ReadFromJsonAsync(responseInfo) ?? throw new InvalidOperationException($"POST {path} answered no body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
    }

    public void Dispose() => _http.Dispose();
}
