using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Guard;

/// <summary>The parts of the simulator's control API the guard's end-to-end tests need beyond <c>SimulatorControl</c>: bots,
/// supergroups, members, messages as users, and the Bot API calls the simulator answered (method, status, time).</summary>
internal sealed class GuardSimulator(Uri baseUrl) : IDisposable
{
    private static SimControlJsonContext Json => SimControlJsonContext.Default;
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public Task<SimBotInfo> CreateBotAsync(string username) => PostAsync("sim/bots", new CreateBotRequest(username), Json.CreateBotRequest, Json.SimBotInfo);

    public Task<SimUser> CreateUserAsync(string firstName) => PostAsync("sim/users", new CreateUserRequest(firstName), Json.CreateUserRequest, Json.SimUser);

    public Task<SimChatInfo> CreateChatAsync(string type, string title, string? username, long ownerUserId)
        => PostAsync("sim/chats", new CreateChatRequest(type, title, username, ownerUserId), Json.CreateChatRequest, Json.SimChatInfo);

    public Task<SimMember> SetMemberAsync(long chatId, long userId, string status)
        => PostAsync($"sim/chats/{chatId}/members", new SetMemberRequest(userId, status), Json.SetMemberRequest, Json.SimMember);

    public async Task<SimMember> MemberAsync(long chatId, long userId)
        => await _http.GetFromJsonAsync($"sim/chats/{chatId}/members/{userId}", Json.SimMember) ?? throw new InvalidOperationException("No member.");

    public async Task<SimMessage> SendAsUserAsync(long chatId, long userId, string text)
        => (await PostAsync($"sim/chats/{chatId}/messages", new PostRequest(text, userId), Json.PostRequest, Json.IReadOnlyListSimMessage))[0];

    public async Task<IReadOnlyList<SimMessage>> MessagesAsync(long chatId, bool includeDeleted)
        => await _http.GetFromJsonAsync($"sim/chats/{chatId}/messages?includeDeleted={(includeDeleted ? "true" : "false")}", Json.IReadOnlyListSimMessage) ?? [];

    /// <summary>The Bot API calls of one method the simulator answered, oldest first.</summary>
    public async Task<IReadOnlyList<SimCallRecord>> CallsAsync(string method)
        => await _http.GetFromJsonAsync($"sim/calls?kind=bot&method={method}", Json.IReadOnlyListSimCallRecord) ?? [];

    public async Task<CallCountsResponse> CallCountsAsync()
        => await _http.GetFromJsonAsync("sim/calls/counts", Json.CallCountsResponse) ?? throw new InvalidOperationException("No call counts.");

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo)
    {
        using var response = await _http.PostAsJsonAsync(path, body, requestInfo);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync(responseInfo) ?? throw new InvalidOperationException($"POST {path} answered no body.");
    }

    public void Dispose() => _http.Dispose();
}
