namespace Cluster.Telegram.Bots;

/// <summary>Gives the one client of a bot token, so every caller of that bot shares its send limits.</summary>
/// <remarks>The cluster runs many bots; each Bot grain asks the factory for its token's client.</remarks>
public interface IBotClientFactory
{
    /// <summary>The client for <paramref name="token"/>, made on first use with the configured <see cref="BotClientOptions"/>.</summary>
    IBotClient GetClient(string token);
}
