using Microsoft.Extensions.Configuration;

namespace Cluster.Silo.Configuration;

/// <summary>The Telegram side of the silo as configured (section <c>Telegram</c>): real credentials, a simulator
/// elsewhere, or the embedded default. Read before the host is built because it decides what is wired.</summary>
/// <remarks>Keys: <c>Telegram:ApiId</c>, <c>Telegram:ApiHash</c> (secret), <c>Telegram:Sessions:EncryptionKey</c> (secret),
/// <c>Telegram:Simulator:BaseUrl</c>. The embedded simulator's own settings are under <c>TelegramSim</c> (e.g. <c>TelegramSim:Urls</c>,
/// default http://127.0.0.1:0, a free loopback port).</remarks>
public sealed record TelegramSetup(TelegramMode Mode, int ApiId, Uri? SimulatorBaseUrl)
{
    public const string SectionName = "Telegram";
    public const string ApiIdKey = "Telegram:ApiId";
    public const string ApiHashKey = "Telegram:ApiHash";
    public const string SimulatorBaseUrlKey = "Telegram:Simulator:BaseUrl";
    public const string SessionKeyKey = "Telegram:Sessions:EncryptionKey";

    /// <summary>The session encryption key used with simulated Telegram when none is configured: fixed and public, so it
    /// protects nothing but simulated accounts; real credentials require <c>Telegram:Sessions:EncryptionKey</c>.</summary>
    public static string DevelopmentSessionKey { get; } =
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("cluster: simulated Telegram only, development session key"u8));

    /// <summary>Whether the silo talks to a simulator (embedded or not) rather than real Telegram.</summary>
    public bool IsSimulated => Mode != TelegramMode.Real;

    /// <summary>Reads the Telegram settings; every problem is returned in <paramref name="errors"/>, naming its key.</summary>
    public static TelegramSetup Read(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var apiIdText = configuration[ApiIdKey];
        var apiHash = configuration[ApiHashKey];
        var baseUrlText = configuration[SimulatorBaseUrlKey];
        var hasId = !string.IsNullOrWhiteSpace(apiIdText);
        var hasHash = !string.IsNullOrWhiteSpace(apiHash);

        if (hasId || hasHash)
        {
            var apiId = 0;
            if (!hasId) problems.Add($"{ApiIdKey} is required when {ApiHashKey} is set (the api_id from my.telegram.org).");
            else if (!int.TryParse(apiIdText, out apiId) || apiId <= 0) problems.Add($"{ApiIdKey} must be a positive integer (the api_id from my.telegram.org).");
            if (!hasHash) problems.Add($"{ApiHashKey} is required when {ApiIdKey} is set (the api_hash from my.telegram.org).");
            if (string.IsNullOrWhiteSpace(configuration[SessionKeyKey]))
                problems.Add($"{SessionKeyKey} is required with real Telegram credentials: 32 random bytes in base64 (openssl rand -base64 32); sessions are stored encrypted with it.");
            if (!string.IsNullOrWhiteSpace(baseUrlText))
                problems.Add($"{SimulatorBaseUrlKey} and {ApiIdKey} are both set: configure either real Telegram credentials or a simulator, not both.");
            errors = problems;
            return new TelegramSetup(TelegramMode.Real, apiId, null);
        }

        if (!string.IsNullOrWhiteSpace(baseUrlText))
        {
            if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{SimulatorBaseUrlKey} must be an absolute http(s) URL such as http://127.0.0.1:8081/ (was '{baseUrlText}').");
                baseUrl = null;
            }
            else if (!baseUrl.AbsoluteUri.EndsWith('/'))
            {
                baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
            }
            errors = problems;
            return new TelegramSetup(TelegramMode.ExternalSimulator, 0, baseUrl);
        }

        errors = problems;
        return new TelegramSetup(TelegramMode.EmbeddedSimulator, 0, null);
    }

    /// <summary>The same setup once the embedded simulator listens at <paramref name="baseUrl"/>.</summary>
    public TelegramSetup WithSimulatorAt(Uri baseUrl) => this with { SimulatorBaseUrl = baseUrl };
}
