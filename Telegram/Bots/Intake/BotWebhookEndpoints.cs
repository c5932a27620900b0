using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Cluster.Telegram.Bots.Intake;

/// <summary>Maps the webhook endpoint Telegram posts updates to: checks the secret token, reads the body as Telegram.Bot's
/// <see cref="Update"/> (with its JSON settings), calls the handler.</summary>
/// <remarks>Missing X-Telegram-Bot-Api-Secret-Token answers 401, a wrong one 403 (compared in constant time); a body that is not an
/// Update answers 400; a failing handler answers 500 so Telegram delivers the update again; success answers 200.</remarks>
public static class BotWebhookEndpoints
{
    /// <summary>The header in which Telegram echoes setWebhook's secret_token.</summary>
    public const string SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Maps a POST endpoint for one bot whose webhook was set with <paramref name="secretToken"/>.</summary>
    public static IEndpointConventionBuilder MapBotWebhook(this IEndpointRouteBuilder endpoints, string pattern, string secretToken,
        Func<Update, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretToken);
        return endpoints.MapBotWebhook(pattern, _ => secretToken, (context, update) => handler(update, context.RequestAborted));
    }

    /// <summary>Maps a POST endpoint for many bots: <paramref name="secretFor"/> finds the expected secret from the request
    /// (e.g. a route value naming the bot), or null for an unknown bot (404).</summary>
    public static IEndpointConventionBuilder MapBotWebhook(this IEndpointRouteBuilder endpoints, string pattern,
        Func<HttpContext, string?> secretFor, Func<HttpContext, Update, Task> handler)
    {
        var logger = (ILogger?)endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(BotWebhookEndpoints).FullName!)
            ?? NullLogger.Instance;

        return endpoints.MapPost(pattern, async context =>
        {
            var path = context.Request.Path.Value ?? pattern;
            var expected = secretFor(context);
            if (expected is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var given = context.Request.Headers[SecretTokenHeader].ToString();
            if (given.Length == 0)
            {
                BotLog.WebhookSecretRefused(logger, path, "no", StatusCodes.Status401Unauthorized);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            if (!SecretsMatch(given, expected))
            {
                BotLog.WebhookSecretRefused(logger, path, "a wrong", StatusCodes.Status403Forbidden);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
            }
            catch (JsonException e)
            {
                BotLog.WebhookBadBody(logger, path, e.Message);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            if (update is null)
            {
                BotLog.WebhookBadBody(logger, path, "null");
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            try
            {
                await handler(context, update);
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
            {
                BotLog.WebhookHandlerFailed(logger, e, path, update.Id);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
    }

    /// <summary>Compares hashes of both secrets so neither the content nor the length leaks through timing.</summary>
    internal static bool SecretsMatch(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
