using System.Text.Json.Serialization;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to a direct message or a lookup: the message (sent, or found), or why not; a recipient that cannot be
/// written to says so in <see cref="Problem"/>; a cooldown or used-up limit carries when to try again.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.DirectMessageResult")]
public sealed record DirectMessageResult(
    [Id(0)] AccountCallStatus Status,
    [Id(1)] MessageRef? Message,
    [Id(2)] RecipientProblem Problem,
    [Id(3)] DateTimeOffset? RetryAt,
    [Id(4)] string? Error)
{
    [JsonIgnore]
    public bool IsOk => Status == AccountCallStatus.Ok;

    public static DirectMessageResult Ok(MessageRef? message) => new(AccountCallStatus.Ok, message, RecipientProblem.None, null, null);

    public static DirectMessageResult Refused(AccountCallStatus status, string error, DateTimeOffset? retryAt = null, RecipientProblem problem = RecipientProblem.None)
        => new(status, null, problem, retryAt, error);
}
