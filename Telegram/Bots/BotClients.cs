using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace Cluster.Telegram.Bots;

/// <summary>Makes a bot's client: Telegram.Bot's <see cref="TelegramBotClient"/> for the token and server of
/// <see cref="BotClientOptions"/>, inside our <see cref="LimitedBotClient"/>.</summary>
/// <remarks>Telegram.Bot's own 429 retries are turned off (RetryThreshold 0) so that every wait goes through the limiter, and its
/// error descriptions lose the token if a server echoes it.
/// The HttpClient should have no timeout of its own (the limited client times each request out) and no request logging
/// (URLs hold the token).</remarks>
public static class BotClients
{
    /// <summary>The default Bot API server; any other base URL (a local Bot API server, the simulator) is passed to Telegram.Bot.</summary>
    public const string TelegramBaseUrl = "https://api.telegram.org";

    public static LimitedBotClient Create(HttpClient http, BotClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BotClientOptions.ValidateToken(options.Token);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var library = new TelegramBotClientOptions(options.Token, baseUrl == TelegramBaseUrl ? null : baseUrl) { RetryThreshold = 0 };
        var client = new TelegramBotClient(library, http) { ExceptionsParser = new TokenScrubbingExceptionParser(options.Token) };
        return new LimitedBotClient(client, options.Limits, options.RequestTimeout, loggerFactory?.CreateLogger<LimitedBotClient>(), time);
    }
}
