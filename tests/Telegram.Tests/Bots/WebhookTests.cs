using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Cluster.Telegram.Bots.Intake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace Cluster.Telegram.Tests.Bots;

/// <summary>The webhook endpoint checks Telegram's secret token and hands valid updates, parsed as Telegram.Bot's <see cref="Update"/>, to the handler.</summary>
/// <remarks>Runs a real Kestrel endpoint on loopback and posts to it as Telegram would.</remarks>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cret_token-1";
    private const string UpdateJson = """{"update_id":77,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"text":"hi"}}""";

    private readonly ConcurrentQueue<Update> _received = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private bool _handlerFails;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapBotWebhook("/telegram/webhook", Secret, (update, _) =>
        {
            if (_handlerFails)
                throw new InvalidOperationException("handler down");
            _received.Enqueue(update);
            return Task.CompletedTask;
        });
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> Post(string? secret, string body = UpdateJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
            request.Headers.Add(BotWebhookEndpoints.SecretTokenHeader, secret);
        return _http.SendAsync(request);
    }

    [Fact]
    public async Task An_update_with_the_right_secret_reaches_the_handler()
    {
        var response = await Post(Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi", Assert.Single(_received).Message!.Text);
    }

    [Fact]
    public async Task A_missing_secret_is_refused_with_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(null)).StatusCode);
        Assert.Empty(_received);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("s3cret_token-2")]
    [InlineData("s3cret_token-1-and-more")]
    public async Task A_wrong_secret_is_refused_with_403(string secret)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(secret)).StatusCode);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task A_body_that_is_not_an_update_is_refused_with_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(Secret, "<html>")).StatusCode);
    }

    [Fact]
    public async Task A_failing_handler_answers_500_so_Telegram_delivers_again()
    {
        _handlerFails = true;

        Assert.Equal(HttpStatusCode.InternalServerError, (await Post(Secret)).StatusCode);
    }
}
