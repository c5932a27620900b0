using System.Net;
using Cluster.Grains.Abstractions.Sessions;
using Cluster.Hosting.Placement;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Tests.Placement;

/// <summary>A silo's session slots and overflow queue, without a silo.</summary>
public sealed class SessionSlotsTests
{
    private static readonly SiloAddress Elsewhere = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

    private sealed class Clock : TimeProvider
    {
        private long _ticks = 1_000_000;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Read(ref _ticks);
        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private readonly Clock _clock = new();
    private readonly Dictionary<string, int> _told = [];

    private SessionSlots Slots(int capacity, bool preemption = true)
        => new(Options.Create(new SessionCapacityOptions { Capacity = capacity, PremiumPreemption = preemption }), NullLogger<SessionSlots>.Instance, _clock);

    private ISessionSlot Ask(SessionSlots slots, string key, bool premium = false)
    {
        _told.TryAdd(key, 0);
        return slots.Request(key, premium, () => _told[key]++);
    }

    [Fact]
    public void Slots_are_held_up_to_the_capacity_then_requests_wait_in_arrival_order()
    {
        var slots = Slots(2);
        var a = Ask(slots, "a");
        var b = Ask(slots, "b");
        var c = Ask(slots, "c");
        var d = Ask(slots, "d");
        Assert.True(a.IsHeld && b.IsHeld);
        Assert.False(c.IsHeld || d.IsHeld);
        Assert.Equal((1, 2), (c.QueuePosition, d.QueuePosition));
        Assert.Equal(0, a.QueuePosition);
        Assert.Equal(new SessionLoad(2, 2) { Queued = 2, MovableHeld = 2 }, slots.Load());
        Assert.Equal(-2, slots.Load().Free);
        Assert.All(_told.Values, n => Assert.Equal(0, n)); // nobody is told of its own request

        // A slot given back goes to the head of the queue, which is told.
        a.Dispose();
        Assert.True(c.IsHeld);
        Assert.Equal(1, _told["c"]);
        Assert.Equal(1, d.QueuePosition);
        a.Dispose(); // idempotent
        Assert.False(d.IsHeld);

        // Leaving the queue: the others move up; a later free slot goes to whoever waits.
        var e = Ask(slots, "e");
        d.Dispose();
        Assert.Equal(1, e.QueuePosition);
        b.Dispose();
        Assert.True(e.IsHeld);
        Assert.Equal(0, _told["d"]);
    }

    [Fact]
    public void Premium_requests_wait_ahead_of_the_others_and_take_the_slot_of_the_last_regular_account_to_connect()
    {
        var slots = Slots(2);
        var first = Ask(slots, "first");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = Ask(slots, "second");
        var waiting = Ask(slots, "waiting");

        var premium = Ask(slots, "premium", premium: true);
        Assert.Equal(1, premium.QueuePosition);
        Assert.Equal(2, waiting.QueuePosition);
        // The account that connected last gives its slot back (it is told, and closes its session).
        Assert.Equal(new SessionSlotRecall(SessionSlotRecallReason.Preempted, null), second.Recall);
        Assert.Null(first.Recall);
        Assert.Equal(1, _told["second"]);
        Assert.Equal(1, slots.Preemptions);

        second.Dispose();
        Assert.True(premium.IsHeld);
        Assert.Equal(1, _told["premium"]);
        // Asking again, it waits ahead of those that came after it.
        var again = Ask(slots, "second");
        Assert.Equal((1, 2), (again.QueuePosition, waiting.QueuePosition));

        // One premium request recalls one holder, however often the queue changes.
        var later = Ask(slots, "later");
        later.Dispose();
        Assert.Equal(1, slots.Preemptions);
        Assert.Null(first.Recall);
    }

    [Fact]
    public void Premium_holders_are_never_preempted_and_without_preemption_premium_only_goes_first()
    {
        var slots = Slots(1);
        var held = Ask(slots, "premium-held", premium: true);
        var premium = Ask(slots, "premium-waiting", premium: true);
        Assert.Null(held.Recall);
        Assert.Equal(1, premium.QueuePosition);

        var plain = Slots(1, preemption: false);
        var regular = Ask(plain, "regular");
        var early = Ask(plain, "early");
        var vip = Ask(plain, "vip", premium: true);
        Assert.Null(regular.Recall);
        Assert.Equal((1, 2), (vip.QueuePosition, early.QueuePosition));
        regular.Dispose();
        Assert.True(vip.IsHeld);
    }

    [Fact]
    public void Queued_requests_are_recalled_from_the_head_to_move_and_leave_the_queue()
    {
        var slots = Slots(1);
        Ask(slots, "held");
        var regular = Ask(slots, "regular");
        var premium = Ask(slots, "premium", premium: true);
        _told.Clear();
        // (the premium one took the held slot's place: the holder was recalled; it is not part of this count)
        Assert.Equal(2, slots.RecallQueued(Elsewhere, 5));
        Assert.Equal(new SessionSlotRecall(SessionSlotRecallReason.Move, Elsewhere), premium.Recall);
        Assert.Equal(SessionSlotRecallReason.Move, regular.Recall?.Reason);
        Assert.Equal(0, slots.Load().Queued);
        Assert.Equal(0, regular.QueuePosition);
        regular.Dispose();
        premium.Dispose();
        Assert.Equal(2, slots.MovesAsked);
    }

    [Fact]
    public void Holders_are_recalled_to_move_regular_and_latest_first_but_not_before_they_settled()
    {
        var slots = Slots(5);
        var old = Ask(slots, "old");
        var oldPremium = Ask(slots, "old-premium", premium: true);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var middle = Ask(slots, "middle");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var recent = Ask(slots, "recent");
        Assert.Equal(2, slots.Load(settledFor: TimeSpan.FromSeconds(90)).MovableHeld); // the two old ones

        // "recent" connected 0 s ago, "middle" 60 s ago: with a settle time of 30 s only "middle" and the old ones qualify.
        Assert.Equal(2, slots.RecallHeld(Elsewhere, 2, settledFor: TimeSpan.FromSeconds(30)));
        Assert.Null(recent.Recall);
        Assert.NotNull(middle.Recall);
        Assert.NotNull(old.Recall);
        Assert.Null(oldPremium.Recall);
        Assert.Equal((1, 1), (_told["middle"], _told["old"]));

        // Until they give their slots back they still hold them, and count as leaving.
        var load = slots.Load();
        Assert.Equal((4, 2, 2), (load.Held, load.Leaving, load.Settled));
        middle.Dispose();
        Assert.Equal((3, 1), (slots.Load().Held, slots.Load().Leaving));
    }

    [Fact]
    public void Reserved_slots_are_hidden_from_placement_until_taken_given_back_or_expired()
    {
        var slots = Slots(4);
        slots.Reserve(3, TimeSpan.FromSeconds(30));
        Assert.Equal((3, 1), (slots.Load().Reserved, slots.Load().Free));
        Ask(slots, "arrived");
        Assert.Equal((2, 1), (slots.Load().Reserved, slots.Load().Free));
        slots.Unreserve(1);
        Assert.Equal(1, slots.Load().Reserved);
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((0, 3), (slots.Load().Reserved, slots.Load().Free));
    }
}
