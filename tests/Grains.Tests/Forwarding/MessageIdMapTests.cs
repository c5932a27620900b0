using System.Text.Json;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Tests.Forwarding;

public class MessageIdMapTests
{
    [Fact]
    public void Album_copied_as_album_maps_one_to_one()
    {
        var map = new MessageIdMap(100);
        map.Record([10, 11, 12], destinationChatId: -5, destinationIds: [100, 101, 102]);
        Assert.Equal([new MessageRef(-5, 101)], map.Lookup(11));
    }

    [Fact]
    public void Album_that_became_one_message_maps_every_source_id_to_it()
    {
        var map = new MessageIdMap(100);
        map.Record([10, 11], -5, [200]);
        Assert.Equal([new MessageRef(-5, 200)], map.Lookup(10));
        Assert.Equal([new MessageRef(-5, 200)], map.Lookup(11));
    }

    [Fact]
    public void Each_destination_is_remembered()
    {
        var map = new MessageIdMap(100);
        map.Record([10], -5, [100]);
        map.Record([10], -6, [300]);
        Assert.Equal([new MessageRef(-5, 100), new MessageRef(-6, 300)], map.Lookup(10));
    }

    [Fact]
    public void Oldest_entries_are_forgotten_past_capacity()
    {
        var map = new MessageIdMap(2);
        map.Record([1], -5, [11]);
        map.Record([2], -5, [12]);
        map.Record([3], -5, [13]);
        Assert.Equal(2, map.Count);
        Assert.Empty(map.Lookup(1));
        Assert.NotEmpty(map.Lookup(3));
    }

    [Fact]
    public void Removed_entry_is_gone()
    {
        var map = new MessageIdMap(10);
        map.Record([1], -5, [11]);
        Assert.True(map.Remove(1));
        Assert.Empty(map.Lookup(1));
        Assert.False(map.Remove(1));
    }

    [Fact]
    public void Survives_a_round_trip_through_json_with_its_order()
    {
        var map = new MessageIdMap(3);
        map.Record([1, 2], -5, [11, 12]);
        map.Record([3], -6, [13]);
        var json = JsonSerializer.Serialize(map.ToEntries(), GrainStateJsonContext.Default.IReadOnlyListMessageIdMapEntry);
        var restored = new MessageIdMap(3, JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.IReadOnlyListMessageIdMapEntry));
        Assert.Equal([new MessageRef(-5, 12)], restored.Lookup(2));
        restored.Record([4], -5, [14]); // capacity 3: the oldest (1) goes, as it would have before the round trip
        Assert.Empty(restored.Lookup(1));
        Assert.NotEmpty(restored.Lookup(2));
    }

    [Fact]
    public void Snapshot_and_journal_restore_the_map_with_changes_and_removals_made_after_the_snapshot()
    {
        var map = new MessageIdMap(10);
        map.Record([1], -5, [11]);
        map.Record([2], -5, [12]);
        var snapshot = map.ToEntries();
        map.ClearJournal();
        map.Record([3], -5, [13]);
        map.Record([1], -6, [21]);
        map.Remove(2);
        Assert.Equal(3, map.JournalCount);

        var restored = new MessageIdMap(10, snapshot, map.ToJournal());

        Assert.Equal([new MessageRef(-5, 11), new MessageRef(-6, 21)], restored.Lookup(1));
        Assert.Empty(restored.Lookup(2));
        Assert.Equal([new MessageRef(-5, 13)], restored.Lookup(3));
        Assert.Equal(3, restored.JournalCount); // still owed to the next snapshot
    }

    [Fact]
    public void Replaying_a_journal_the_snapshot_already_holds_changes_nothing()
    {
        var map = new MessageIdMap(10);
        map.Record([1], -5, [11]);
        map.Record([2], -5, [12]);
        map.Remove(1);
        var journal = map.ToJournal();
        var snapshot = map.ToEntries(); // written, then the pair crashed before writing its state without the journal

        var restored = new MessageIdMap(10, snapshot, journal);

        Assert.Empty(restored.Lookup(1));
        Assert.Equal([new MessageRef(-5, 12)], restored.Lookup(2));
        Assert.Equal(1, restored.Count);
    }

    [Fact]
    public void The_packed_snapshot_and_journal_restore_the_same_map_as_the_entries()
    {
        var map = new MessageIdMap(10);
        map.Record([1], -5, [11]);
        map.Record([2, 3], -5, [12, 13]);
        var snapshot = map.ToPackedEntries();
        map.ClearJournal();
        map.Record([1], -6, [21]);
        map.Record([4], -5, [14]);
        map.Remove(2);

        var restored = new MessageIdMap(10, MessageIdMapPacking.Unpack(snapshot), MessageIdMapPacking.Unpack(map.ToPackedJournal()));

        Assert.Equal([new MessageRef(-5, 11), new MessageRef(-6, 21)], restored.Lookup(1));
        Assert.Empty(restored.Lookup(2));
        Assert.Equal([new MessageRef(-5, 13)], restored.Lookup(3));
        Assert.Equal([new MessageRef(-5, 14)], restored.Lookup(4));
        Assert.Equal(map.ToEntries(), restored.ToEntries(), new EntryComparer());
        Assert.Equal(3, restored.JournalCount);
    }

    [Fact]
    public void A_packed_list_cut_short_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => MessageIdMapPacking.Unpack([1, 2, -5, 11]).ToList());
        Assert.Throws<InvalidDataException>(() => MessageIdMapPacking.Unpack([1]).ToList());
        Assert.Empty(MessageIdMapPacking.Unpack([]));
    }

    private sealed class EntryComparer : IEqualityComparer<MessageIdMapEntry>
    {
        public bool Equals(MessageIdMapEntry? x, MessageIdMapEntry? y)
            => x is not null && y is not null && x.SourceId == y.SourceId && x.Destinations.SequenceEqual(y.Destinations);

        public int GetHashCode(MessageIdMapEntry obj) => obj.SourceId.GetHashCode();
    }
}
