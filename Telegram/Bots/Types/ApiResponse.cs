namespace Cluster.Telegram.Bots.Types;

/// <summary>The envelope of every Bot API answer: ok with a result, or an error code, description and parameters.</summary>
/// <remarks>Every closed form used (ApiResponse of User, Message, ...) is listed in <see cref="BotApiJsonContext"/>.</remarks>
public sealed record ApiResponse<T>
{
    public bool Ok { get; init; }
    public T? Result { get; init; }
    public int? ErrorCode { get; init; }
    public string? Description { get; init; }
    public ResponseParameters? Parameters { get; init; }
}
