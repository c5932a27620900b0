using System.Globalization;
using System.Text.RegularExpressions;
using Cluster.Telegram.Bots.Errors;
using Cluster.Telegram.Bots.Types;

namespace Cluster.Telegram.Bots;

/// <summary>Turns an error envelope into the matching typed exception.</summary>
/// <remarks>Telegram's error_code mirrors the HTTP status; migrate_to_chat_id and retry_after come in "parameters",
/// and older servers put "retry after N" only in the description, so that is parsed as a fallback.</remarks>
internal static partial class BotApiErrors
{
    public static BotApiException FromEnvelope(string method, int errorCode, string description, ResponseParameters? parameters)
    {
        return errorCode switch
        {
            429 => new TooManyRequestsException(method, description, TimeSpan.FromSeconds(parameters?.RetryAfter ?? RetryAfterFromDescription(description))),
            400 when parameters?.MigrateToChatId is { } newId => new ChatMigratedException(method, description, newId),
            400 => new BadRequestException(method, description),
            401 => new UnauthorizedException(method, description),
            403 => new ForbiddenException(method, description),
            404 => new NotFoundException(method, description),
            409 => new ConflictException(method, description),
            _ => new BotApiException(method, errorCode, description),
        };
    }

    private static int RetryAfterFromDescription(string description)
    {
        var match = RetryAfterPattern().Match(description);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"retry after (\d{1,9})", RegexOptions.IgnoreCase)]
    private static partial Regex RetryAfterPattern();
}
