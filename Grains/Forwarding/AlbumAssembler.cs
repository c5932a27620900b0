using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Forwarding;

/// <summary>Turns a list of source messages (a history page, a live delivery) into send units: a single message,
/// or all messages of one album together (by MediaAlbumId), each unit placed where its first message was and an
/// album's messages in id order, so albums stay albums and the source order is kept.</summary>
public static class AlbumAssembler
{
    public static IReadOnlyList<IReadOnlyList<SourceMessage>> Group(IEnumerable<SourceMessage> messages)
    {
        var units = new List<List<SourceMessage>>();
        var albums = new Dictionary<long, List<SourceMessage>>();
        foreach (var message in messages)
        {
            if (!message.IsInAlbum)
            {
                units.Add([message]);
                continue;
            }
            if (albums.TryGetValue(message.MediaAlbumId, out var album))
            {
                if (album.All(m => m.Id != message.Id)) album.Add(message);
                continue;
            }
            album = [message];
            albums.Add(message.MediaAlbumId, album);
            units.Add(album);
        }
        foreach (var album in albums.Values) album.Sort((a, b) => a.Id.CompareTo(b.Id));
        return units;
    }

    /// <summary>For a full history page (more may follow), holds back a trailing album: its other messages may be on
    /// the next page. Returns the units to use now and the id after which the next page should start.</summary>
    public static (IReadOnlyList<IReadOnlyList<SourceMessage>> Units, long NextAfterId) GroupPage(
        IReadOnlyList<SourceMessage> page, bool pageIsFull, long afterId)
    {
        var units = Group(page);
        if (units.Count == 0) return (units, afterId);
        if (pageIsFull && units.Count > 1 && units[^1][0].IsInAlbum)
        {
            // Re-fetch from just before the album; kept messages fetched again are dropped as already seen.
            return (units.Take(units.Count - 1).ToList(), units[^1][0].Id - 1);
        }
        return (units, Math.Max(afterId, units.Max(u => u.Max(m => m.Id))));
    }
}
