using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Edit the text or caption of a message the account sent (edit mirroring).</summary>
public sealed record EditTextRequest(long ChatId, long MessageId, MessageText Text);
