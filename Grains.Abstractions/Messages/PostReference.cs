namespace Cluster.Grains.Abstractions.Messages;

/// <summary>A post to copy: a message, or the messages of one album, of a chat the sending account can read (a public channel
/// by "@username", or a chat it is a member of by id or invite link). A campaign with media sends copies of it, each with the
/// recipient's caption.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PostReference")]
public sealed record PostReference([Id(0)] string Chat, [Id(1)] IReadOnlyList<long> MessageIds)
{
    /// <summary>The most messages one post may have: Telegram's album size.</summary>
    public const int MaxMessages = 10;

    /// <summary>The most message ids one post may span (an album's ids are close together).</summary>
    public const int MaxSpan = 100;

    /// <summary>Throws <see cref="ArgumentException"/> unless this names a chat and 1-<see cref="MaxMessages"/> different
    /// positive message ids less than <see cref="MaxSpan"/> apart.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Chat)) throw new ArgumentException("The post to copy names no chat.");
        if (MessageIds is not { Count: > 0 } ids || ids.Count > MaxMessages || ids.Any(id => id <= 0) || ids.Distinct().Count() != ids.Count)
            throw new ArgumentException($"The post to copy must be 1-{MaxMessages} different message ids (is {this}).");
        if (ids.Max() - ids.Min() >= MaxSpan)
            throw new ArgumentException($"The post's messages {ids.Min()} and {ids.Max()} are too far apart to be one album.");
    }

    public override string ToString() => $"{Chat}/{string.Join(',', MessageIds)}";
}
