using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Cluster.Telegram.Bots.Hosting;

/// <summary>Registers the bots' clients: options, the shared HttpClient (no timeout of its own, its request logging removed,
/// since URLs hold the token), <see cref="IBotClientFactory"/> and a default <see cref="ITelegramBotClient"/> for the configured
/// token, each Telegram.Bot's client inside our <see cref="LimitedBotClient"/>.</summary>
/// <remarks>Options keys (under the section passed in, e.g. "Telegram:Bot"): Token, BaseUrl, RequestTimeout, and Limits:
/// Enabled, MessagesPerSecond, PrivateChatMessagesPerSecond, GroupMessagesPerMinute, PaidBroadcastMessagesPerSecond,
/// WindowMargin, MaxRetriesOn429, MinRetryAfter, MaxRetryAfter, PauseWholeBotOn429.</remarks>
public static class BotClientServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient every bot client uses.</summary>
    public const string HttpClientName = "Cluster.Telegram.Bots";

    /// <summary>Adds the Bot API client with options bound from <paramref name="section"/>.</summary>
    public static IServiceCollection AddBotClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<BotClientOptions>().Bind(section);
        return services.AddBotClient();
    }

    /// <summary>Adds the Bot API client, with options set in code.</summary>
    public static IServiceCollection AddBotClient(this IServiceCollection services, Action<BotClientOptions>? configure = null)
    {
        var options = services.AddOptions<BotClientOptions>();
        if (configure is not null)
            options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotClientOptions>, BotClientOptionsValidator>());

        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBotClientFactory, BotClientFactory>();
        services.TryAddSingleton<ITelegramBotClient>(provider =>
        {
            var token = provider.GetRequiredService<IOptions<BotClientOptions>>().Value.Token;
            if (token.Length == 0)
                throw new InvalidOperationException("BotClientOptions.Token is not set: configure it, or ask IBotClientFactory for a client per token.");
            return provider.GetRequiredService<IBotClientFactory>().GetClient(token);
        });
        return services;
    }
}
