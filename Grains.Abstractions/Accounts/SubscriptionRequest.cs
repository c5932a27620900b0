namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>A pair asks an account to deliver the messages of a source chat to it. The account resolves the
/// reference ("@name", id, invite link) and joins the chat if it is not a member.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SubscriptionRequest")]
public sealed record SubscriptionRequest([Id(0)] string PairId, [Id(1)] string SourceChatReference);
