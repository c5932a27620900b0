using System.Collections.Concurrent;
using Cluster.TelegramSim.World;
using Microsoft.Extensions.Hosting;

namespace Cluster.TelegramSim.Traffic;

/// <summary>Generates traffic in the world: channels posting at a set rate (text, photos, albums, edits,
/// deletions) and users joining and leaving chats. Each source runs until stopped, its budget is spent,
/// or the host stops.</summary>
public sealed class SimTrafficGenerator(SimWorld world) : IHostedService
{
    private readonly ConcurrentDictionary<long, Source> _sources = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextId;

    private sealed class Source(long id, string kind, long chatId)
    {
        public long Id { get; } = id;
        public string Kind { get; } = kind;
        public long ChatId { get; } = chatId;
        public CancellationTokenSource Cancel { get; } = new();
        public Task Task { get; set; } = Task.CompletedTask;
        public long Posted, Edited, Deleted, Joined, Left, Pressed;
        public string? LastError { get; set; }

        public SimTrafficInfo Info() => new(Id, Kind, ChatId, Interlocked.Read(ref Posted), Interlocked.Read(ref Edited), Interlocked.Read(ref Deleted),
            Interlocked.Read(ref Joined), Interlocked.Read(ref Left), !Task.IsCompleted, LastError, Interlocked.Read(ref Pressed));
    }

    /// <summary>Starts a channel posting; returns the source id.</summary>
    public long StartChannelPosting(ChannelTrafficOptions options)
    {
        if (options.MessagesPerSecond <= 0) throw new ArgumentException("MessagesPerSecond must be positive.");
        if (options.AlbumSize is < 2 or > 10) throw new ArgumentException("AlbumSize must be 2..10.");
        world.GetChat(options.ChannelId);
        var source = new Source(Interlocked.Increment(ref _nextId), "channel", options.ChannelId);
        var random = options.Seed is { } s ? new Random(s) : new Random();
        var recent = new List<long>();
        var deleted = new List<long>();
        source.Task = RunAsync(source, options.MessagesPerSecond, options.MaxActions, () =>
        {
            var total = options.TextWeight + options.PhotoWeight + options.AlbumWeight + options.EditWeight + options.DeleteWeight + options.ReplyWeight;
            var pick = random.Next(Math.Max(1, total));
            var n = Interlocked.Read(ref source.Posted) + 1;
            if ((pick -= options.TextWeight) < 0)
            {
                recent.Add(world.PostToChannel(options.ChannelId, $"Post #{n} at {world.Now:HH:mm:ss.fff}").Id);
                Interlocked.Increment(ref source.Posted);
            }
            else if ((pick -= options.PhotoWeight) < 0)
            {
                var photo = world.UploadFile(SimMediaKind.Photo);
                recent.AddRange(world.PostToChannel(options.ChannelId, [new SimOutgoingMessage($"Photo #{n}", Media: photo)]).Select(m => m.Id));
                Interlocked.Increment(ref source.Posted);
            }
            else if ((pick -= options.AlbumWeight) < 0)
            {
                var items = Enumerable.Range(0, options.AlbumSize)
                    .Select(i => new SimOutgoingMessage(i == 0 ? $"Album #{n}" : null, Media: world.UploadFile(i % 2 == 0 ? SimMediaKind.Photo : SimMediaKind.Video)))
                    .ToList();
                recent.AddRange(world.PostToChannel(options.ChannelId, items, asAlbum: true).Select(m => m.Id));
                Interlocked.Add(ref source.Posted, items.Count);
            }
            else if ((pick -= options.EditWeight) < 0)
            {
                if (recent.Count == 0) return;
                var id = recent[random.Next(recent.Count)];
                if (world.GetMessage(options.ChannelId, id) is { IsDeleted: false, Media: null })
                {
                    world.EditChannelPost(options.ChannelId, id, $"Edited post (was #{id}) at {world.Now:HH:mm:ss.fff}");
                    Interlocked.Increment(ref source.Edited);
                }
            }
            else if ((pick -= options.DeleteWeight) < 0)
            {
                if (recent.Count == 0) return;
                var index = random.Next(recent.Count);
                world.DeleteMessages(options.ChannelId, [recent[index]]);
                deleted.Add(recent[index]);
                recent.RemoveAt(index);
                Interlocked.Increment(ref source.Deleted);
            }
            else
            {
                // Mostly a reply to a recent post (an album's message among them); one in five to a post deleted since: the
                // world-setup sender keeps the id, so the reply arrives with a parent that is gone, as one whose parent is
                // deleted later does.
                var parents = deleted.Count > 0 && random.Next(5) == 0 ? deleted : recent;
                if (parents.Count == 0) return;
                var parent = parents[random.Next(parents.Count)];
                recent.Add(world.PostToChannel(options.ChannelId, [new SimOutgoingMessage($"Reply #{n} to {parent}", ReplyToMessageId: parent)])[0].Id);
                Interlocked.Increment(ref source.Posted);
            }
            if (recent.Count > 200) recent.RemoveRange(0, recent.Count - 200);
            if (deleted.Count > 200) deleted.RemoveRange(0, deleted.Count - 200);
        });
        _sources[source.Id] = source;
        return source.Id;
    }

    /// <summary>Starts users joining and leaving a chat; returns the source id.</summary>
    public long StartMembershipChurn(MembershipChurnOptions options)
    {
        if (options.EventsPerSecond <= 0) throw new ArgumentException("EventsPerSecond must be positive.");
        if (options.UserIds.Count == 0) throw new ArgumentException("UserIds must not be empty.");
        world.GetChat(options.ChatId);
        var source = new Source(Interlocked.Increment(ref _nextId), "churn", options.ChatId);
        var random = options.Seed is { } s ? new Random(s) : new Random();
        source.Task = RunAsync(source, options.EventsPerSecond, options.MaxEvents, () =>
        {
            var user = options.UserIds[random.Next(options.UserIds.Count)];
            var member = world.GetMember(options.ChatId, user);
            if (member.Status == SimMemberStatus.Kicked || member.IsAdmin) return;
            if (member.IsInChat)
            {
                world.RemoveMember(options.ChatId, user);
                Interlocked.Increment(ref source.Left);
            }
            else
            {
                world.AddMember(options.ChatId, user);
                Interlocked.Increment(ref source.Joined);
            }
        });
        _sources[source.Id] = source;
        return source.Id;
    }

    /// <summary>Starts guests joining, talking, verifying and leaving the channel of a protected group; returns the source id.
    /// Counts: Joined (group joins), Posted (messages), Pressed ("I have joined" presses), Left (channel leaves).</summary>
    public long StartGuardTraffic(GuardTrafficOptions options)
    {
        if (options.EventsPerSecond <= 0) throw new ArgumentException("EventsPerSecond must be positive.");
        if (options.SubscribedShare is < 0 or > 1) throw new ArgumentException("SubscribedShare must be between 0 and 1.");
        if (options.MaxGuests < 1) throw new ArgumentException("MaxGuests must be at least 1.");
        world.GetChat(options.GroupId);
        world.GetChat(options.ChannelId);
        var source = new Source(Interlocked.Increment(ref _nextId), "guard", options.GroupId);
        var random = options.Seed is { } s ? new Random(s) : new Random();
        var guests = new List<long>();
        var talk = 0;
        source.Task = RunAsync(source, options.EventsPerSecond, options.MaxEvents, () =>
        {
            var bots = world.GetBots().Select(b => b.UserId).ToHashSet();
            var members = world.GetMembers(options.GroupId).Where(m => m.IsInChat && !m.IsAdmin && !bots.Contains(m.UserId)).ToList();
            T? Any<T>(IReadOnlyList<T> items) where T : class => items.Count == 0 ? null : items[random.Next(items.Count)];
            var pick = random.Next(20);
            if (pick < 6)
            {
                var outside = guests.Where(g => !world.GetMember(options.GroupId, g).IsInChat && world.GetMember(options.GroupId, g).Status != SimMemberStatus.Kicked).ToList();
                long guest;
                if (guests.Count < options.MaxGuests && (outside.Count == 0 || random.Next(2) == 0))
                {
                    guest = world.CreateUser($"Guest {guests.Count + 1}").Id;
                    guests.Add(guest);
                }
                else if (outside.Count > 0) guest = outside[random.Next(outside.Count)];
                else return;
                if (random.NextDouble() < options.SubscribedShare) world.AddMember(options.ChannelId, guest);
                world.AddMember(options.GroupId, guest);
                Interlocked.Increment(ref source.Joined);
            }
            else if (pick < 14)
            {
                if (Any(members.Where(CanSend).ToList()) is not { } speaker) return;
                world.SendAsUser(speaker.UserId, options.GroupId, $"message {++talk} from a member");
                Interlocked.Increment(ref source.Posted);
            }
            else if (pick < 17)
            {
                if (Any(members.Where(m => !CanSend(m)).ToList()) is not { } muted) return;
                var prompt = world.GetMessages(options.GroupId).LastOrDefault(m => m.ReplyMarkup?.FindByData(options.JoinedButtonData) is not null);
                if (prompt is null) return;
                world.AddMember(options.ChannelId, muted.UserId);
                world.PressButton(muted.UserId, options.GroupId, prompt.Id, options.JoinedButtonData);
                Interlocked.Increment(ref source.Pressed);
            }
            else
            {
                var subscribed = guests.Where(g => world.GetMember(options.ChannelId, g).IsInChat).ToList();
                if (subscribed.Count == 0) return;
                world.RemoveMember(options.ChannelId, subscribed[random.Next(subscribed.Count)]);
                Interlocked.Increment(ref source.Left);
            }
        });
        _sources[source.Id] = source;
        return source.Id;

        static bool CanSend(SimMember m) => m.Status != SimMemberStatus.Restricted || (m.Permissions?.CanSendMessages ?? false);
    }

    /// <summary>Stops one source.</summary>
    public async Task StopAsync(long id)
    {
        if (_sources.TryGetValue(id, out var source))
        {
            await source.Cancel.CancelAsync().ConfigureAwait(false);
            await source.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Stops every source.</summary>
    public async Task StopAllAsync()
    {
        foreach (var s in _sources.Values) await s.Cancel.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_sources.Values.Select(s => s.Task)).ConfigureAwait(false);
    }

    /// <summary>Every source, running or finished.</summary>
    public IReadOnlyList<SimTrafficInfo> List() => _sources.Values.OrderBy(s => s.Id).Select(s => s.Info()).ToList();

    /// <summary>One source.</summary>
    public SimTrafficInfo Get(long id) => _sources.TryGetValue(id, out var s) ? s.Info() : throw new ArgumentException($"No traffic source {id}.");

    /// <summary>Waits until a source has spent its budget (MaxActions / MaxEvents) or stopped.</summary>
    public Task WhenDoneAsync(long id) => _sources.TryGetValue(id, out var s) ? s.Task : Task.CompletedTask;

    private Task RunAsync(Source source, double perSecond, long? budget, Action act) => Task.Run(async () =>
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(source.Cancel.Token, _stopping.Token);
        var ct = linked.Token;
        var started = world.Time.GetTimestamp();
        long done = 0;
        try
        {
            while (!ct.IsCancellationRequested && (budget is null || done < budget))
            {
                // Catch up with the schedule in a batch, so high rates do not depend on timer resolution.
                var due = (long)(world.Time.GetElapsedTime(started).TotalSeconds * perSecond) + 1;
                while (done < due && (budget is null || done < budget) && !ct.IsCancellationRequested)
                {
                    try
                    {
                        act();
                    }
                    catch (SimException e)
                    {
                        source.LastError = e.BotDescription;
                    }
                    done++;
                }
                var next = TimeSpan.FromSeconds(done / perSecond) - world.Time.GetElapsedTime(started);
                if (next > TimeSpan.Zero) await Task.Delay(next < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : next, world.Time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            source.LastError = e.Message;
        }
    });

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_sources.Values.Select(s => s.Task)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
