using System.Globalization;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Telegram.Bots.Intake;
using Telegram.Bot;

namespace Cluster.AdminBot.TelegramFrontEnd;

/// <summary>The admin bot's long-poll offset kept in the cluster (an <see cref="IAdminSessionGrain"/> row with the reserved
/// key <c>bot-offset:&lt;bot id&gt;</c>), so a restarted admin bot (a new pod, with a read-only file system) neither loses
/// nor repeats an update.</summary>
/// <remarks>The session grain is the only persisted admin grain the bot may write; a dedicated grain would be cleaner
/// (asked of the grain side). The row never expires and holds no secret.</remarks>
public sealed class SessionGrainUpdateOffsetStore(IGrainFactory grains, ITelegramBotClient bot) : IUpdateOffsetStore
{
    private const string OffsetField = "next_offset";

    public async ValueTask<long?> LoadAsync(CancellationToken cancellationToken)
    {
        var row = await Row().GetAsync();
        return row?.Fields.TryGetValue(OffsetField, out var text) == true && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset)
            ? offset : null;
    }

    public async ValueTask SaveAsync(long nextOffset, CancellationToken cancellationToken)
        => await Row().SaveAsync(new AdminConversation
        {
            Command = "bot_offset",
            Step = "polling",
            Fields = new Dictionary<string, string> { [OffsetField] = nextOffset.ToString(CultureInfo.InvariantCulture) },
            ExpiresAt = DateTimeOffset.MaxValue,
        });

    private IAdminSessionGrain Row() => grains.GetGrain<IAdminSessionGrain>("bot-offset:" + bot.BotId.ToString(CultureInfo.InvariantCulture));
}
