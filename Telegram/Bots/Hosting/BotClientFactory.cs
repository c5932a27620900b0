using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Cluster.Telegram.Bots.Hosting;

/// <summary>Makes and keeps one limited Telegram.Bot client (<see cref="LimitedBotClient"/>) per token over the shared named HttpClient.</summary>
/// <remarks>Registered by <see cref="BotClientServiceCollectionExtensions.AddBotClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{BotClientOptions}?)"/>.</remarks>
internal sealed class BotClientFactory(
    IHttpClientFactory httpClients,
    IOptions<BotClientOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider time) : IBotClientFactory
{
    private readonly ConcurrentDictionary<string, Lazy<LimitedBotClient>> _clients = new(StringComparer.Ordinal);

    public ITelegramBotClient GetClient(string token)
    {
        BotClientOptions.ValidateToken(token);
        return _clients.GetOrAdd(token, t => new Lazy<LimitedBotClient>(() => Create(t))).Value;
    }

    private LimitedBotClient Create(string token)
    {
        var configured = options.Value;
        var perBot = new BotClientOptions
        {
            Token = token,
            BaseUrl = configured.BaseUrl,
            RequestTimeout = configured.RequestTimeout,
            Limits = configured.Limits,
        };
        return BotClients.Create(httpClients.CreateClient(BotClientServiceCollectionExtensions.HttpClientName), perBot, loggerFactory, time);
    }
}
