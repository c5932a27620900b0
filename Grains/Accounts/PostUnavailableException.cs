using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Accounts;

/// <summary>The post a direct message copies cannot be read by the account: its chat is private or gone, or the message was
/// deleted. Answered as <see cref="Cluster.Grains.Abstractions.Accounts.RecipientProblem.PostUnavailable"/>.</summary>
internal sealed class PostUnavailableException(PostReference post, string telegramMessage)
    : Exception($"The post {post} cannot be copied: {telegramMessage}");
