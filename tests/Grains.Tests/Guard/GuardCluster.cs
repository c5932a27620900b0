using Cluster.Grains.Abstractions.Guard;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Guard;

/// <summary>A <see cref="GrainCluster"/> (one silo of an Orleans in-process test cluster, the in-process simulator with
/// Telegram's limits on) hosting the bot and guard grains, with one bot configured and polling. Shared by the guard tests
/// (each test makes its own groups and channels, so they do not disturb each other).</summary>
public sealed class GuardCluster : IAsyncLifetime
{
    public GrainCluster Cluster { get; private set; } = null!;
    public TelegramSimulatorHost Sim => Cluster.Simulator;
    public SimWorld World => Sim.World;
    public SimBotInfo Bot { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Grains;
    public string BotKey => Bot.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        Cluster = await GrainCluster.StartAsync(new GrainClusterOptions().WithFastTimings());
        Bot = World.CreateBot("guard_bot");
        await Grains.GetGrain<IBotGrain>(BotKey).ConfigureAsync(new BotConfiguration(Bot.Token));
    }

    /// <summary>A supergroup owned by a new user, with the bot as a moderator, protected by the given new channels (owned by the same owner,
    /// the bot an admin of each). The owner sends /protect, and the test waits until the group grain says it is on.</summary>
    public async Task<(SimChatInfo Group, SimUser Owner, SimChatInfo[] Channels)> ProtectedGroupAsync(string name, int channels = 1)
    {
        var owner = World.CreateUser(name + " owner");
        var group = World.CreateSupergroup(name, null, owner.Id);
        World.MakeAdmin(group.Id, Bot.UserId);
        var linked = new SimChatInfo[channels];
        for (var i = 0; i < channels; i++)
        {
            linked[i] = World.CreateChannel($"{name} news {i}", $"{name}_news{i}", owner.Id);
            World.MakeAdmin(linked[i].Id, Bot.UserId);
        }
        World.SendAsUser(owner.Id, group.Id, "/protect " + string.Join(" ", linked.Select(c => "@" + c.Username)));
        await Eventually(async () => (await GroupGrain(group.Id).GetStatusAsync()).Enabled, $"{name} is protected");
        return (group, owner, linked);
    }

    public IProtectedGroupGrain GroupGrain(long groupId) => Grains.GetGrain<IProtectedGroupGrain>(groupId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool CanSend(long chatId, long userId)
    {
        var member = World.GetMember(chatId, userId);
        return member.IsInChat && (member.Status != SimMemberStatus.Restricted || (member.Permissions?.CanSendMessages ?? false));
    }

    /// <summary>The bot's latest message in a chat that carries the "I have joined" button.</summary>
    public SimMessage? LatestPrompt(long chatId) => World.GetMessages(chatId)
        .LastOrDefault(m => m.SenderUserId == Bot.UserId && m.ReplyMarkup?.FindByData("guard:joined") is not null);

    public static Task Eventually(Func<Task<bool>> condition, string what, int seconds = 20)
        => Support.Eventually.WaitAsync(condition, holds => holds, what, TimeSpan.FromSeconds(seconds));

    public static Task Eventually(Func<bool> condition, string what, int seconds = 20) => Eventually(() => Task.FromResult(condition()), what, seconds);

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}
