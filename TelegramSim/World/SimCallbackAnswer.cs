namespace Cluster.TelegramSim.World;

/// <summary>A bot's answer to a callback query (answerCallbackQuery), as the pressing user would see it.</summary>
public sealed record SimCallbackAnswer(string QueryId, string? Text, bool ShowAlert, string? Url, DateTimeOffset AnsweredAt);
