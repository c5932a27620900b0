namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>Where a broadcast keeps its one progress message: the admin bot's token (a secret: stored, never logged or shown) and
/// the admin's chat. The broadcast grain sends the message once and edits it as it goes.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ProgressChat")]
public sealed record ProgressChat([Id(0)] string BotToken, [Id(1)] long ChatId);
