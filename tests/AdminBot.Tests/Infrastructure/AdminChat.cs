using System.Net.Http.Json;
using System.Text.Json;

namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>A Telegram user talking to the admin bot in the simulator, through the simulator's control API: writes
/// messages, presses buttons and reads the bot's replies as the user sees them.</summary>
internal sealed class AdminChat(Uri simulator, long userId, long botId) : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = new() { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(10) };

    public long UserId => userId;

    /// <summary>Sends <paramref name="text"/> and returns its message id.</summary>
    public async Task<long> WriteAsync(string text)
    {
        using var response = await _http.PostAsJsonAsync($"sim/chats/{botId}/messages", new { text, fromUserId = userId });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sending '{text}' failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement[0].GetProperty("id").GetInt64();
    }

    /// <summary>Sends <paramref name="text"/> and waits for the bot's next message.</summary>
    public async Task<DialogMessage> SendAsync(string text)
    {
        var sent = await WriteAsync(text);
        return await NextReplyAfterAsync(sent, $"a reply to '{text}'");
    }

    /// <summary>Sends a file with <paramref name="content"/> as a document and waits for the bot's next message.</summary>
    public async Task<DialogMessage> SendDocumentAsync(string fileName, string? mimeType, byte[] content)
    {
        using var response = await _http.PostAsJsonAsync($"sim/chats/{botId}/documents",
            new { fromUserId = userId, fileName, mimeType, contentBase64 = Convert.ToBase64String(content) });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sending the file '{fileName}' failed: {(int)response.StatusCode} {body}");
        var sent = JsonDocument.Parse(body).RootElement[0].GetProperty("id").GetInt64();
        return await NextReplyAfterAsync(sent, $"a reply to the file '{fileName}'");
    }

    /// <summary>Sends a paged listing command ("/workers", "/pairs") page by page until a page has a line starting with
    /// <paramref name="lineStart"/>; returns that page (or the last one).</summary>
    public async Task<DialogMessage> FindInPagesAsync(string command, string lineStart)
    {
        DialogMessage page = await SendAsync(command);
        for (var n = 2; n <= 20 && !page.Text.Split('\n').Any(l => l.StartsWith(lineStart, StringComparison.Ordinal)) && page.Text.Contains($"(page {n - 1}/", StringComparison.Ordinal); n++)
            page = await SendAsync($"{command} {n}");
        return page;
    }

    /// <summary>Presses a button of a bot message and waits until the bot has edited that message (or written a new one).</summary>
    public async Task<(DialogMessage Message, string? Toast)> PressAsync(DialogMessage message, string label)
    {
        var button = message.Button(label);
        var latest = await LatestBotMessageIdAsync();
        using var response = await _http.PostAsJsonAsync("sim/buttons", new { userId, chatId = botId, messageId = message.Id, data = button.Data });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Pressing '{label}' failed: {(int)response.StatusCode} {body}");
        var queryId = JsonDocument.Parse(body).RootElement.GetProperty("queryId").GetString();
        var deadline = DateTime.UtcNow + ReplyTimeout;
        string? toast = null;
        var answered = false;
        while (DateTime.UtcNow < deadline)
        {
            if (!answered)
            {
                using var answer = await _http.GetAsync($"sim/callbacks/{queryId}");
                if (answer.IsSuccessStatusCode)
                {
                    answered = true;
                    var a = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
                    toast = a.TryGetProperty("text", out var t) ? t.GetString() : null;
                }
            }
            if (answered)
            {
                var dialog = await DialogAsync();
                var edited = dialog.FirstOrDefault(m => m.Id == message.Id);
                if (edited is not null && (edited.EditDate != message.EditDate || edited.Text != message.Text)) return (edited, toast);
                var newer = dialog.LastOrDefault(m => m.SenderUserId == botId && m.Id > latest);
                if (newer is not null) return (newer, toast);
            }
            await Task.Delay(150);
        }
        throw new TimeoutException($"The bot did not answer the press of '{label}' within {ReplyTimeout} (answered: {answered}).");
    }

    /// <summary>The dialog as the user sees it (deleted messages only when asked).</summary>
    public async Task<IReadOnlyList<DialogMessage>> DialogAsync(bool includeDeleted = false)
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync($"sim/users/{userId}/dialogs/{botId}/messages?includeDeleted={(includeDeleted ? "true" : "false")}"));
        return doc.RootElement.EnumerateArray().Select(DialogMessage.Parse).ToList();
    }

    /// <summary>The bot's messages after <paramref name="messageId"/>, waiting up to <paramref name="wait"/> for the first.</summary>
    public async Task<IReadOnlyList<DialogMessage>> BotMessagesAfterAsync(long messageId, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        IReadOnlyList<DialogMessage> found = [];
        while (DateTime.UtcNow < deadline)
        {
            found = (await DialogAsync()).Where(m => m.SenderUserId == botId && m.Id > messageId).ToList();
            if (found.Count > 0) return found;
            await Task.Delay(150);
        }
        return found;
    }

    private async Task<DialogMessage> NextReplyAfterAsync(long messageId, string what)
    {
        var replies = await BotMessagesAfterAsync(messageId, ReplyTimeout);
        return replies.Count > 0 ? replies[0] : throw new TimeoutException($"The bot sent no {what} within {ReplyTimeout}.");
    }

    private async Task<long> LatestBotMessageIdAsync() => (await DialogAsync()).Where(m => m.SenderUserId == botId).Select(m => m.Id).DefaultIfEmpty(0).Max();

    public void Dispose() => _http.Dispose();
}
