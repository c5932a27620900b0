namespace Cluster.TelegramSim.World;

/// <summary>One inline keyboard button: a callback button (<see cref="CallbackData"/>) or a link (<see cref="Url"/>).</summary>
public sealed record SimInlineButton(string Text, string? CallbackData = null, string? Url = null);
