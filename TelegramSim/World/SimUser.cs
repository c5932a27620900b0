namespace Cluster.TelegramSim.World;

/// <summary>A Telegram user or bot of the simulated world. Bots are users with <see cref="IsBot"/> set.</summary>
public sealed record SimUser(
    long Id,
    string FirstName,
    string? LastName = null,
    string? Username = null,
    bool IsBot = false,
    bool IsPremium = false,
    string? LanguageCode = "en");
