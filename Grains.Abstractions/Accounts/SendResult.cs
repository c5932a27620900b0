using System.Text.Json.Serialization;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The answer to forward/copy/send/edit/delete: the messages created (in order), or why not and,
/// for a cooldown or a used-up limit, when to try again. The account never blocks a call to wait.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SendResult")]
public sealed record SendResult([Id(0)] AccountCallStatus Status, [Id(1)] IReadOnlyList<MessageRef> Messages, [Id(2)] DateTimeOffset? RetryAt, [Id(3)] string? Error)
{
    [JsonIgnore]
    public bool IsOk => Status == AccountCallStatus.Ok;

    public static SendResult Ok(IReadOnlyList<MessageRef> messages) => new(AccountCallStatus.Ok, messages, null, null);

    public static SendResult CoolingDown(DateTimeOffset until) => new(AccountCallStatus.CoolingDown, [], until, $"cooling down until {until:u}");

    public static SendResult LimitReached(DateTimeOffset resetsAt, string which) => new(AccountCallStatus.LimitReached, [], resetsAt, $"{which} send limit reached; resets at {resetsAt:u}");

    public static SendResult Refused(AccountCallStatus status, string error, DateTimeOffset? retryAt = null) => new(status, [], retryAt, error);
}
