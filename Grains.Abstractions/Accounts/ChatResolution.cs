using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to resolving (and possibly joining) a chat: the chat, or why not.</summary>
public sealed record ChatResolution(AccountCallStatus Status, ResolvedChat? Chat, DateTimeOffset? RetryAt, string? Error)
{
    [JsonIgnore]
    public bool IsOk => Status == AccountCallStatus.Ok && Chat is not null;

    public static ChatResolution Ok(ResolvedChat chat) => new(AccountCallStatus.Ok, chat, null, null);

    public static ChatResolution Refused(AccountCallStatus status, string error, DateTimeOffset? retryAt = null) => new(status, null, retryAt, error);
}
