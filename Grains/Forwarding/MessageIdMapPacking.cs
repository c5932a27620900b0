using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Forwarding;

/// <summary>The stored form of <see cref="MessageIdMap"/> entries: one flat list of numbers, per source message its id,
/// its number of copies n, then n pairs of destination chat id and message id (n = 0: removed). A pair writes its id
/// map's journal with every message it forwards; as objects with property names it was most of that write's JSON and
/// of its serialisation time, as numbers it is a third of the size and one array to write.</summary>
public static class MessageIdMapPacking
{
    /// <summary>Unpacks <paramref name="packed"/>; throws <see cref="InvalidDataException"/> when it is cut short.</summary>
    public static IEnumerable<MessageIdMapEntry> Unpack(IReadOnlyList<long> packed)
    {
        var i = 0;
        while (i < packed.Count)
        {
            if (i + 1 >= packed.Count) throw new InvalidDataException($"Packed id map cut short at {i} of {packed.Count}.");
            var sourceId = packed[i];
            var count = packed[i + 1];
            if (count < 0 || i + 2 + 2 * count > packed.Count)
                throw new InvalidDataException($"Packed id map entry of source {sourceId} claims {count} copies past the end ({packed.Count}).");
            var destinations = new MessageRef[count];
            for (var k = 0; k < count; k++) destinations[k] = new MessageRef(packed[i + 2 + 2 * k], packed[i + 3 + 2 * k]);
            yield return new MessageIdMapEntry(sourceId, destinations);
            i += 2 + 2 * (int)count;
        }
    }

    /// <summary>Appends one source message and its copies (none: removed) to <paramref name="packed"/>.</summary>
    public static void Append(List<long> packed, long sourceId, IReadOnlyList<MessageRef> destinations)
    {
        packed.Add(sourceId);
        packed.Add(destinations.Count);
        for (var k = 0; k < destinations.Count; k++)
        {
            packed.Add(destinations[k].ChatId);
            packed.Add(destinations[k].MessageId);
        }
    }
}
