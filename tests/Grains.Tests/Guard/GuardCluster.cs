using System.Net;
using System.Net.Sockets;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Bots;
using Cluster.Grains.Guard;
using Cluster.Runtime;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Telegram.Bots.Hosting;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Tests.Guard;

/// <summary>An in-process simulator and an in-process silo hosting the bot and guard grains, with one bot configured and polling.
/// Shared by the guard tests (each test makes its own groups and channels, so they do not disturb each other).</summary>
public sealed class GuardCluster : IAsyncLifetime
{
    private WebApplication? _silo;
    private string? _databaseFile;

    public TelegramSimulatorHost Sim { get; private set; } = null!;
    public SimWorld World => Sim.World;
    public SimBotInfo Bot { get; private set; } = null!;
    public IGrainFactory Grains => _silo!.Services.GetRequiredService<IGrainFactory>();
    public string BotKey => Bot.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        Sim = await TelegramSimulator.StartAsync(new TelegramSimulatorOptions());
        Bot = World.CreateBot("guard_bot");
        _silo = await StartSiloAsync();
        await Grains.GetGrain<IBotGrain>(BotKey).ConfigureAsync(new BotConfiguration(Bot.Token));
    }

    private async Task<WebApplication> StartSiloAsync()
    {
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "guard-tests");
        Directory.CreateDirectory(folder);
        _databaseFile = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = "guard-test-cluster-secret-0123456789",
            ["Cluster:SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Membership:StopHostWhenFenced"] = "false",
            ["Cluster:Storage:Provider"] = "Sqlite",
            ["Cluster:Storage:ConnectionString"] = $"Data Source={_databaseFile}",
            ["Cluster:Bots:PollTimeout"] = "00:00:05",
            ["Cluster:Guard:DeletionSweepInterval"] = "00:00:01",
            ["Cluster:Guard:RegistryPublishInterval"] = "00:00:01",
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBotClient(o => o.BaseUrl = Sim.BaseUrl.ToString().TrimEnd('/'));
        builder.Services.AddGuardGrains(builder.Configuration);
        builder.UseClusterRuntime(cluster => cluster
            .AddGrains(typeof(BotGrain).Assembly, typeof(BotGrain).Namespace)
            .AddGrains(typeof(ProtectedGroupGrain).Assembly, typeof(ProtectedGroupGrain).Namespace));
        builder.Services.AddClusterServices(builder.Configuration);
        var app = builder.Build();
        await app.StartAsync();
        return app;
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

    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting until {what}.");
    }

    public static Task Eventually(Func<bool> condition, string what, int seconds = 20) => Eventually(() => Task.FromResult(condition()), what, seconds);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync();
            await _silo.DisposeAsync();
        }
        await Sim.DisposeAsync();
        if (_databaseFile is not null)
            foreach (var path in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" }) File.Delete(path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
