using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to resolving (and possibly joining) a chat: the chat, or why not.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ChatResolution")]
public sealed record ChatResolution([Id(0)] AccountCallStatus Status, [Id(1)] ResolvedChat? Chat, [Id(2)] DateTimeOffset? RetryAt, [Id(3)] string? Error)
{
    [JsonIgnore]
    public bool IsOk => Status == AccountCallStatus.Ok && Chat is not null;

    public static ChatResolution Ok(ResolvedChat chat) => new(AccountCallStatus.Ok, chat, null, null);

    public static ChatResolution Refused(AccountCallStatus status, string error, DateTimeOffset? retryAt = null) => new(status, null, retryAt, error);
}
