using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Send a text message (a copied text message whose text was transformed).</summary>
public sealed record SendTextRequest(long ChatId, MessageText Text);
