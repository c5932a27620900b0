using Telegram.Bot;

namespace Cluster.Telegram.Bots;

/// <summary>Gives the one client of a bot token, so every caller of that bot shares its send limits.</summary>
/// <remarks>The cluster runs many bots; each bot grain and protected group asks the factory for its token's client: Telegram.Bot's
/// <see cref="ITelegramBotClient"/>, limited by our <see cref="LimitedBotClient"/>.</remarks>
public interface IBotClientFactory
{
    /// <summary>The client for <paramref name="token"/>, made on first use with the configured <see cref="BotClientOptions"/>.</summary>
    ITelegramBotClient GetClient(string token);
}
