using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Cluster.Telegram.Bots;

/// <summary>Telegram.Bot's error parsing with the bot token taken out of the description: a server that echoes the request path
/// ("Not Found: /bot&lt;token&gt;/getMe") must not put the secret into exception messages and logs.</summary>
internal sealed class TokenScrubbingExceptionParser(string token) : IExceptionParser
{
    public ApiRequestException Parse(ApiResponse apiResponse)
    {
        ArgumentNullException.ThrowIfNull(apiResponse);
        var description = (apiResponse.Description ?? "no description").Replace(token, "<token>", StringComparison.Ordinal);
        return new ApiRequestException(description, apiResponse.ErrorCode, apiResponse.Parameters);
    }
}
