using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.BotApi;

/// <summary>One Bot API request being answered: the calling bot, its parameters, and the request's cancellation.</summary>
internal sealed record BotApiCall(SimBotInfo Bot, BotApiArgs Args, CancellationToken CancellationToken)
{
    public long BotId => Bot.UserId;
}
