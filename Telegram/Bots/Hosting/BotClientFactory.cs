using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Bots.Hosting;

/// <summary>Makes and keeps one <see cref="BotClient"/> per token over the shared named HttpClient.</summary>
/// <remarks>Registered by <see cref="BotClientServiceCollectionExtensions.AddBotClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{BotClientOptions}?)"/>.</remarks>
internal sealed class BotClientFactory(
    IHttpClientFactory httpClients,
    IOptions<BotClientOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider time) : IBotClientFactory
{
    private readonly ConcurrentDictionary<string, Lazy<BotClient>> _clients = new(StringComparer.Ordinal);

    public IBotClient GetClient(string token)
    {
        BotClientOptions.ValidateToken(token);
        return _clients.GetOrAdd(token, t => new Lazy<BotClient>(() => Create(t))).Value;
    }

    private BotClient Create(string token)
    {
        var configured = options.Value;
        var perBot = new BotClientOptions
        {
            Token = token,
            BaseUrl = configured.BaseUrl,
            RequestTimeout = configured.RequestTimeout,
            Limits = configured.Limits,
        };
        return new BotClient(httpClients.CreateClient(BotClientServiceCollectionExtensions.HttpClientName), perBot, loggerFactory, time);
    }
}
