using System.Diagnostics;

namespace Cluster.Grains.Diagnostics;

/// <summary>The "Cluster.Grains" activity source: spans on a bot's update path, so a trace (or the guard benchmark) can tell
/// where the time from Telegram's answer to an update's handling goes.</summary>
/// <remarks>Costs nothing without a listener. Tags carry Telegram update ids only (never chat, user or message ids).</remarks>
public static class GrainTracing
{
    public const string SourceName = "Cluster.Grains";

    /// <summary>A bot's batch: from its getUpdates answer reaching the poll loop until the batch is handled and the next poll may go.</summary>
    public const string BotBatch = "bot.batch";

    /// <summary>A bot's batch inside the bot grain: from the turn that routes it until every update in it was handled.</summary>
    public const string BotDeliver = "bot.deliver";

    /// <summary>Tag: the lowest update id in the batch.</summary>
    public const string FirstUpdateId = "telegram.update.first_id";

    /// <summary>Tag: the highest update id in the batch.</summary>
    public const string LastUpdateId = "telegram.update.last_id";

    internal static readonly ActivitySource Source = new(SourceName);
}
