namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>An inline button under a bot's message: its label and callback data.</summary>
internal sealed record DialogButton(string Text, string? Data);
