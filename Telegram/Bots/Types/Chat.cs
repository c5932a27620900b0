namespace Cluster.Telegram.Bots.Types;

/// <summary>A chat as embedded in messages and updates (core.telegram.org/bots/api#chat).</summary>
/// <remarks><see cref="Type"/> is one of the <see cref="ChatType"/> constants; getChat returns the fuller <see cref="ChatFullInfo"/>.</remarks>
public sealed record Chat
{
    public long Id { get; init; }
    public string Type { get; init; } = "";
    public string? Title { get; init; }
    public string? Username { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public bool? IsForum { get; init; }
}
