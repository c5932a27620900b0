using System.Text.Json.Serialization;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to <see cref="HistoryRequest"/>: messages oldest first, or why not.</summary>
public sealed record HistoryResult(AccountCallStatus Status, IReadOnlyList<SourceMessage> Messages, DateTimeOffset? RetryAt, string? Error)
{
    [JsonIgnore]
    public bool IsOk => Status == AccountCallStatus.Ok;

    public static HistoryResult Ok(IReadOnlyList<SourceMessage> messages) => new(AccountCallStatus.Ok, messages, null, null);

    public static HistoryResult Refused(AccountCallStatus status, string error, DateTimeOffset? retryAt = null) => new(status, [], retryAt, error);
}
