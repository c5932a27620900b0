using System.Text.Json.Serialization;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to <see cref="HistoryRequest"/>: messages oldest first, or why not.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.HistoryResult")]
public sealed record HistoryResult([Id(0)] AccountCallStatus Status, [Id(1)] IReadOnlyList<SourceMessage> Messages, [Id(2)] DateTimeOffset? RetryAt, [Id(3)] string? Error)
{
    [JsonIgnore]
    public bool IsOk => Status == AccountCallStatus.Ok;

    public static HistoryResult Ok(IReadOnlyList<SourceMessage> messages) => new(AccountCallStatus.Ok, messages, null, null);

    public static HistoryResult Refused(AccountCallStatus status, string error, DateTimeOffset? retryAt = null) => new(status, [], retryAt, error);
}
