using System.Text.Json;
using Cluster.Grains.Abstractions;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Grains.Forwarding;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Serialization;

public class GrainsJsonContextTests
{
    private static T RoundTrip<T>(T value)
    {
        var info = GrainsJsonContext.Default.GetTypeInfo(typeof(T)) ?? throw new Xunit.Sdk.XunitException($"{typeof(T)} is not in GrainsJsonContext");
        var json = JsonSerializer.Serialize(value, info);
        return (T)JsonSerializer.Deserialize(json, info)!;
    }

    [Fact]
    public void Every_public_type_of_the_abstractions_is_in_the_context()
    {
        var types = typeof(GrainsJsonContext).Assembly.GetExportedTypes()
            .Where(t => !t.IsInterface && !t.IsAbstract && t != typeof(GrainsJsonContext) && !t.IsSubclassOf(typeof(Attribute)))
            // The guard's types have their own context, checked by GuardJsonContextTests.
            .Where(t => t.Namespace != typeof(Cluster.Grains.Abstractions.Guard.GuardJsonContext).Namespace);
        var missing = types.Where(t => GrainsJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.FullName).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_grain_method_argument_and_result_is_in_the_context()
    {
        var interfaces = new[] { typeof(IAccountGrain), typeof(IChannelPairGrain), typeof(IFleetRegistryGrain), typeof(Cluster.Grains.Abstractions.Admin.IAdminSessionGrain), typeof(Cluster.Grains.Abstractions.Admin.IAuditLogGrain) };
        var missing = new List<string>();
        foreach (var method in interfaces.SelectMany(i => i.GetMethods()))
        {
            var types = method.GetParameters().Select(p => p.ParameterType).ToList();
            if (method.ReturnType.IsGenericType) types.Add(method.ReturnType.GetGenericArguments()[0]);
            foreach (var type in types)
            {
                var t = Nullable.GetUnderlyingType(type) ?? type;
                if (GrainsJsonContext.Default.GetTypeInfo(t) is null) missing.Add($"{method.DeclaringType!.Name}.{method.Name}: {t}");
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Source_message_round_trips_with_entities()
    {
        var message = Msg.Text(5, "hi there", new MessageEntity(0, 2, "bold"));
        var back = RoundTrip(message);
        Assert.Equal(message.Id, back.Id);
        Assert.Equal(message.Text.Entities, back.Text.Entities);
    }

    [Fact]
    public void Pair_configuration_round_trips_with_its_defaults()
    {
        var config = new PairConfiguration
        {
            SourceChat = "@src",
            Destinations = ["@a", "-100200"],
            AccountId = "acc-1",
            Filters = new PairFilters { BlockPatterns = ["spam"], AllowedMedia = [MessageMediaKind.Photo] },
            Replacements = [new TextReplacement { Pattern = "x", Replacement = "y" }],
            Delay = TimeSpan.FromSeconds(30),
        };
        var back = RoundTrip(config);
        Assert.Equal(ForwardMode.Copy, back.Mode);
        Assert.Equal(["spam"], back.Filters.BlockPatterns);
        Assert.Equal([MessageMediaKind.Photo], back.Filters.AllowedMedia);
        Assert.True(back.Filters.SkipEmpty);
        Assert.Equal(TimeSpan.FromSeconds(30), back.Delay);
    }

    [Fact]
    public void Enums_are_written_as_names()
    {
        var json = JsonSerializer.Serialize(SendResult.CoolingDown(Msg.T0), GrainsJsonContext.Default.SendResult);
        Assert.Contains("\"CoolingDown\"", json);
    }

    [Fact]
    public void Fleet_overview_round_trips_its_counts_by_state()
    {
        var overview = new FleetOverview(2, new Dictionary<AccountState, int> { [AccountState.Active] = 1, [AccountState.Cooldown] = 1 },
            1, new Dictionary<PairState, int> { [PairState.Running] = 1 }, Msg.T0);
        var back = RoundTrip(overview);
        Assert.Equal(1, back.AccountsByState[AccountState.Cooldown]);
        Assert.Equal(1, back.PairsByState[PairState.Running]);
    }

    [Fact]
    public void Account_configuration_never_shows_its_api_hash_in_text()
    {
        var config = new AccountConfiguration { ApiId = 1, ApiHash = "secret-hash-123", PhoneNumber = "+15551234567" };
        Assert.DoesNotContain("secret-hash-123", config.ToString());
    }

    [Fact]
    public void Status_records_have_no_place_for_an_api_hash()
    {
        var statusTypes = new[] { typeof(AccountStatus), typeof(AccountSummary), typeof(PairStatus), typeof(PairSummary) };
        var leaking = statusTypes.SelectMany(t => t.GetProperties().Select(p => $"{t.Name}.{p.Name}"))
            .Where(n => n.Contains("hash", StringComparison.OrdinalIgnoreCase) || n.Contains("session", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(leaking);
    }

    [Fact]
    public void Pair_state_pieces_round_trip_through_the_state_context()
    {
        var checkpoint = ForwardCheckpoint.Initial.AcceptLive([10]).Next.AcceptLive([15]).Next.BeginSend([15], -5);
        var json = JsonSerializer.Serialize(checkpoint, GrainStateJsonContext.Default.ForwardCheckpoint);
        var back = JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.ForwardCheckpoint)!;
        Assert.Equal(checkpoint.Gaps, back.Gaps);
        Assert.Equal(15, back.LastSeenId);
        Assert.Equal([15L], back.InFlight!.SourceIds);

        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Media(3, MessageMediaKind.Photo, "c", album: 4)], Msg.T0, TimeSpan.FromSeconds(5));
        var ops = JsonSerializer.Deserialize(JsonSerializer.Serialize(outbox.ToList(), GrainStateJsonContext.Default.IReadOnlyListPendingOperation),
            GrainStateJsonContext.Default.IReadOnlyListPendingOperation)!;
        var op = Assert.Single(ops);
        Assert.Equal(Msg.T0.AddSeconds(5), op.ReadyAt);
        Assert.Equal(4, op.Messages[0].MediaAlbumId);
    }

    [Fact]
    public void Grain_states_round_trip_through_the_state_context()
    {
        var pair = new Cluster.Grains.Pairs.ChannelPairState
        {
            Configuration = new PairConfiguration { SourceChat = "@s", Destinations = ["@d"], AccountId = "a" },
            SourceChatId = -1,
            Checkpoint = ForwardCheckpoint.Initial.AcceptLive([3]).Next,
            IdMap = [new MessageIdMapEntry(3, [new MessageRef(-2, 30)])],
            IdMapJournal = [4, 1, -2, 40],
            PastMode = PastModeCursor.Start(new PastModeRequest(1, 2), Msg.T0),
        };
        var json = JsonSerializer.Serialize(pair, GrainStateJsonContext.Default.ChannelPairState);
        var back = JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.ChannelPairState)!;
        Assert.Equal(3, back.Checkpoint.LastSeenId);
        Assert.Equal(30, back.IdMap[0].Destinations[0].MessageId);
        Assert.Equal([4L, 1, -2, 40], back.IdMapJournal);
        Assert.Equal("@d", back.Configuration!.Destinations[0]);

        var account = new Cluster.Grains.Accounts.AccountGrainState
        {
            Configuration = new AccountConfiguration { ApiId = 5, ApiHash = "h" },
            Phase = new Cluster.Grains.Accounts.AccountPhase(AccountState.Cooldown, LoginStep.None, Msg.T0, null),
        };
        var accountBack = JsonSerializer.Deserialize(JsonSerializer.Serialize(account, GrainStateJsonContext.Default.AccountGrainState),
            GrainStateJsonContext.Default.AccountGrainState)!;
        Assert.Equal(AccountState.Cooldown, accountBack.Phase.State);
        Assert.Equal("h", accountBack.Configuration!.ApiHash); // stored (the state is the only place it lives), never in a status
    }
}
