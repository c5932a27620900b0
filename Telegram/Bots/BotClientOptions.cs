using Cluster.Telegram.Bots.Limits;

namespace Cluster.Telegram.Bots;

/// <summary>Settings of a bot's client (Telegram.Bot inside our limiter): which server, which token, how long to wait, which send limits.</summary>
/// <remarks>Bound from a configuration section such as "Telegram:Bot" by <c>services.AddBotClient(section)</c>.
/// The token is a secret: it is never logged and never put in exception messages.</remarks>
public sealed class BotClientOptions
{
    /// <summary>The bot token from @BotFather ("123456:ABC..."). Default: empty (a default client cannot be resolved without it; the factory takes tokens per call).</summary>
    public string Token { get; set; } = "";

    /// <summary>Base URL of the Bot API server: Telegram, a local Bot API server or the simulator (scheme, host and port; Telegram.Bot
    /// drops any path). Default: https://api.telegram.org.</summary>
    public string BaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>How long one call may take before it fails with a timeout; long polls get their poll timeout on top. Default: 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The outgoing send limits and 429 handling. Defaults: Telegram's published limits.</summary>
    public BotRateLimitOptions Limits { get; set; } = new();

    /// <summary>Checks every setting and names the first wrong one; called when the client is built.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"BotClientOptions.BaseUrl must be an absolute http(s) URL, got '{BaseUrl}'.");
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"BotClientOptions.RequestTimeout must be positive, got {RequestTimeout}.");
        Limits.Validate();
    }

    /// <summary>Checks the token's shape ("digits:secret") without ever echoing it.</summary>
    internal static void ValidateToken(string token)
    {
        var colon = token.IndexOf(':');
        if (colon <= 0 || colon == token.Length - 1 || !token[..colon].All(char.IsAsciiDigit))
            throw new ArgumentException("BotClientOptions.Token must look like '<bot id>:<secret>' (the token itself is not shown).");
    }
}
