using System.Net;
using System.Text;
using Cluster.AdminBot.Campaigns;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.TelegramFrontEnd;
using Telegram.Bot;

namespace Cluster.AdminBot.Tests.Handlers;

/// <summary>The admin bot's reading of a sent file through Telegram.Bot, against a Bot API that does not declare the file's size
/// (so only the download itself can enforce the cap), and the decoding of its text.</summary>
public sealed class TelegramFileSourceTests
{
    private const string Token = "123456:test-secret";

    [Fact]
    public async Task The_download_stops_at_the_cap_when_Telegram_does_not_declare_the_size()
    {
        var api = new FakeBotApi(new byte[100]);
        var source = new TelegramFileSource(api.Client);
        var document = new AdminDocument("file-1", "a.txt", "text/plain", Size: null);

        await Assert.ThrowsAsync<AdminFileTooLargeException>(() => source.ReadAsync(document, 50, CancellationToken.None));
        Assert.Equal(100, (await source.ReadAsync(document, 100, CancellationToken.None)).Length);
        Assert.Contains($"/file/bot{Token}/documents/file_0.txt", api.Requests);
        Assert.Contains($"/bot{Token}/getFile", api.Requests);
    }

    [Fact]
    public async Task A_declared_size_over_the_cap_is_refused_before_anything_is_downloaded()
    {
        var api = new FakeBotApi(new byte[10]);
        var source = new TelegramFileSource(api.Client);

        await Assert.ThrowsAsync<AdminFileTooLargeException>(() => source.ReadAsync(new AdminDocument("file-1", "a.txt", null, Size: 51), 50, CancellationToken.None));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_failed_download_says_so_without_the_token()
    {
        var api = new FakeBotApi(null);
        var e = await Assert.ThrowsAsync<IOException>(() => new TelegramFileSource(api.Client).ReadAsync(new AdminDocument("file-1", null, null, null), 50, CancellationToken.None));
        Assert.StartsWith("The download of the file failed:", e.Message);
        Assert.DoesNotContain("test-secret", e.Message);
    }

    [Fact]
    public void Utf8_text_loses_its_byte_order_mark_and_other_encodings_are_refused()
    {
        Assert.Equal("@anna\n", AudienceParser.DecodeUtf8([.. Encoding.UTF8.GetPreamble(), .. "@anna\n"u8.ToArray()]));
        Assert.Equal("Zoë", AudienceParser.DecodeUtf8(Encoding.UTF8.GetBytes("Zoë")));
        Assert.Throws<DecoderFallbackException>(() => AudienceParser.DecodeUtf8([(byte)'Z', (byte)'o', 0xEB]));
    }

    /// <summary>Answers getFile without a file_size and serves <c>content</c> at the file's path (404 when null).</summary>
    private sealed class FakeBotApi : HttpMessageHandler
    {
        private readonly byte[]? _content;

        public FakeBotApi(byte[]? content)
        {
            _content = content;
            Client = new TelegramBotClient(new TelegramBotClientOptions(Token, "http://bot-api.test"), new HttpClient(this));
        }

        public TelegramBotClient Client { get; }

        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Requests.Add(path);
            if (path.EndsWith("/getFile", StringComparison.Ordinal))
                return Json(HttpStatusCode.OK, """{"ok":true,"result":{"file_id":"file-1","file_unique_id":"u1","file_path":"documents/file_0.txt"}}""");
            if (_content is null) return Json(HttpStatusCode.NotFound, """{"ok":false,"error_code":404,"description":"Not Found"}""");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(_content) });
        }

        private static Task<HttpResponseMessage> Json(HttpStatusCode status, string body)
            => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
