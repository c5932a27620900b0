namespace Cluster.Telegram.Bots.Errors;

/// <summary>Telegram refused the request as invalid (400): bad parameters, message not found, not enough rights, ...</summary>
/// <remarks>Retrying the same request will fail the same way.</remarks>
public class BadRequestException(string method, string description)
    : BotApiException(method, 400, description);
