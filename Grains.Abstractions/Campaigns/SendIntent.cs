namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>A send about to be made: recorded (recipient in Sending, with the account and the moment) before the account is called.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SendIntent")]
public sealed record SendIntent([Id(0)] int Position, [Id(1)] string AccountId, [Id(2)] DateTimeOffset At);
