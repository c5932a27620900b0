using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Cluster.TelegramSim.Tests.Contract;

/// <summary>Files a user sends to a bot, read back through Telegram.Bot: the document arrives in the update with its name, type
/// and size, getFile gives a path, and DownloadFile (GET /file/bot&lt;token&gt;/&lt;path&gt;) returns the very bytes sent.</summary>
public sealed class TelegramBotFileTests
{
    [Fact]
    public async Task A_document_a_user_sends_reaches_the_bot_and_downloads_byte_for_byte()
    {
        await using var c = await ContractWorld.StartAsync();
        await c.DrainUpdatesAsync(UpdateType.Message);
        var content = Encoding.UTF8.GetBytes("recipient,first_name\n@contract_owner,Owner\n");
        using var control = new HttpClient { BaseAddress = c.Sim.BaseUrl };
        using (var sent = await control.PostAsJsonAsync($"sim/chats/{c.Bot.UserId}/documents",
                   new { fromUserId = c.Member.Id, fileName = "audience.csv", mimeType = "text/csv", contentBase64 = Convert.ToBase64String(content), caption = "the list" }))
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());

        var update = Assert.Single(await c.Client.GetUpdates(timeout: 0), u => u.Message?.Document is not null);
        var message = update.Message!;
        Assert.Equal(c.Member.Id, message.From!.Id);
        Assert.Equal("the list", message.Caption);
        var document = message.Document!;
        Assert.Equal("audience.csv", document.FileName);
        Assert.Equal("text/csv", document.MimeType);
        Assert.Equal(content.Length, document.FileSize);

        var file = await c.Client.GetFile(document.FileId);
        Assert.Equal(document.FileId, file.FileId);
        Assert.Equal(document.FileUniqueId, file.FileUniqueId);
        Assert.Equal(content.Length, file.FileSize);
        Assert.StartsWith("documents/", file.FilePath);
        Assert.EndsWith(".csv", file.FilePath);
        Assert.Equal(file.FilePath, (await c.Client.GetFile(document.FileId)).FilePath); // the same path each time

        using var downloaded = new MemoryStream();
        await c.Client.DownloadFile(file, downloaded);
        Assert.Equal(content, downloaded.ToArray());
    }

    [Fact]
    public async Task Unknown_file_ids_paths_and_tokens_are_refused_as_Telegram_does()
    {
        await using var c = await ContractWorld.StartAsync();
        var wrongId = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.GetFile("BQACAgIAAxkBAAnothing"));
        Assert.Equal(400, wrongId.ErrorCode);
        Assert.Equal("Bad Request: wrong file identifier/HTTP URL specified", wrongId.Message);

        var unknownPath = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.DownloadFile("documents/file_999.csv", new MemoryStream()));
        Assert.Equal(404, unknownPath.ErrorCode);

        var media = c.World.UploadFile(Cluster.TelegramSim.World.SimMediaKind.Document, [1, 2, 3], "x.bin");
        var path = (await c.Client.GetFile(media.FileId)).FilePath;
        using var http = new HttpClient { BaseAddress = c.Sim.BaseUrl };
        using var wrongToken = await http.GetAsync($"file/bot{c.Bot.UserId}:not-the-secret/{path}");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.False(JsonDocument.Parse(await wrongToken.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
    }
}
