using Cluster.Grains.Abstractions.Pairs;
using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>Compares a source channel with one destination of a pair, message by message, as a user reading both would:
/// every source message still there has a copy (with its current text, in copy mode: edits are mirrored there), no deleted
/// one keeps a live copy (not even one of several), copies appear in source order, a message is copied more than once only a
/// bounded number of times, and replies point at the right message: in copy mode, a copy of a reply replies to a copy of the
/// parent in the same destination (a live one while the parent lives) or, when the parent has no live copy there, to
/// nothing or to a deleted copy of it (the parent's deletion mirrored after the reply was copied); in forward mode no copy
/// replies (a forward keeps its header and cannot carry the link). Copies are matched to their source message by the
/// simulator's inspection-only <see cref="SimMessage.CopiedFrom"/> (copy mode) or by the forward header (forward mode).</summary>
internal sealed record PairAudit(string PairId, long SourceChatId, long DestinationChatId, IReadOnlyList<string> Problems, int SourceMessages, int Copies,
    IReadOnlyList<long> DuplicatedSourceIds, int Replies, int LinkedReplies)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>Checks <paramref name="source"/> against <paramref name="destination"/> (both with deleted messages
    /// included). At most <paramref name="allowedDuplicates"/> sends (a message or an album) may have been repeated.</summary>
    public static PairAudit Check(string pairId, long sourceChatId, long destinationChatId, ForwardMode mode, IReadOnlyList<SimMessage> source,
        IReadOnlyList<SimMessage> destination, int allowedDuplicates)
    {
        var problems = new List<string>();
        var sources = source.Where(m => !m.IsService).OrderBy(m => m.Id).ToList();
        var copies = destination.Where(m => !m.IsService).OrderBy(m => m.Id).ToList();
        long? SourceOf(SimMessage copy) => mode == ForwardMode.Copy
            ? copy.CopiedFrom is { } c && c.ChatId == sourceChatId && copy.ForwardOrigin is null ? c.MessageId : null
            : copy.ForwardOrigin is { ChatId: { } chat, MessageId: { } id } && chat == sourceChatId && copy.CopiedFrom is null ? id : null;
        var foreign = copies.Where(c => SourceOf(c) is null).Select(c => c.Id).ToList();
        if (foreign.Count > 0)
            problems.Add($"destination messages {Ids(foreign)} are not {(mode == ForwardMode.Copy ? "copies" : "forwards")} of source chat {sourceChatId}");
        var bySource = copies.Where(c => SourceOf(c) is not null).GroupBy(c => SourceOf(c)!.Value).ToDictionary(g => g.Key, g => g.ToList());

        var missing = new List<long>();
        var staleText = new List<string>();
        var deletedShown = new List<string>();
        foreach (var message in sources)
        {
            var all = bySource.GetValueOrDefault(message.Id) ?? [];
            var live = all.Where(c => !c.IsDeleted).ToList();
            if (!message.IsDeleted)
            {
                if (live.Count == 0) missing.Add(message.Id);
                // A message sent twice (resent after a crash, counted below) left a copy the pair does not know of: edits
                // reach the copy it knows, so one copy must follow the source; the extra one is the duplicate. A forward
                // keeps the text it had when forwarded (Telegram's), so only copies are compared.
                else if (mode == ForwardMode.Copy && (all.Count == 1 ? live[0].Text != message.Text : live.All(c => c.Text != message.Text)))
                    staleText.Add($"{message.Id} (source \"{message.Text}\", copy {live[0].Id} \"{live[0].Text}\")");
            }
            else if (live.Count > 0)
            {
                // Every copy of a deleted message must be gone, the pair's own and any it made twice after a crash: a send in
                // doubt is resolved (the copy found and recorded, or deleted when its source was deleted meanwhile).
                deletedShown.Add($"{message.Id} (live cop{(live.Count == 1 ? "y" : "ies")} {string.Join(",", live.Select(c => c.Id))} of {all.Count})");
            }
        }
        if (missing.Count > 0) problems.Add($"source messages missing at the destination: {Ids(missing)}");
        if (staleText.Count > 0) problems.Add($"edits not mirrored: {Some(staleText)}");
        if (deletedShown.Count > 0) problems.Add($"deleted source messages still shown at the destination: {Some(deletedShown)}");

        var unknown = bySource.Keys.Except(sources.Select(m => m.Id)).ToList();
        if (unknown.Count > 0) problems.Add($"copies of source ids the source never had: {Ids(unknown)}");

        // Order: the first copy of each source message must come after the first copies of every earlier one.
        var firstSeen = new HashSet<long>();
        var highest = long.MinValue;
        var outOfOrder = new List<string>();
        foreach (var copy in copies.Where(c => SourceOf(c) is not null))
        {
            var id = SourceOf(copy)!.Value;
            if (!firstSeen.Add(id)) continue;
            if (id < highest) outOfOrder.Add($"source {id} (copy {copy.Id}) after source {highest}");
            highest = Math.Max(highest, id);
        }
        if (outOfOrder.Count > 0) problems.Add($"copies out of source order: {Some(outOfOrder)}");

        var (replies, linked, wrongReplies) = CheckReplies(mode, sources, bySource, copies.ToDictionary(c => c.Id), SourceOf);
        if (wrongReplies.Count > 0) problems.Add($"replies pointing at the wrong message: {Some(wrongReplies)}");

        // Duplicates are counted per send: an album repeated is one repeated send, not one per item.
        var duplicated = bySource.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).ToList();
        var albumOf = sources.ToDictionary(m => m.Id, m => m.MediaGroupId);
        var repeatedSends = duplicated.GroupBy(id => albumOf.GetValueOrDefault(id) ?? $"single:{id}").Count();
        var extraCopies = bySource.Values.Sum(v => v.Count - 1);
        if (repeatedSends > allowedDuplicates)
            problems.Add($"{repeatedSends} sends repeated (more than the {allowedDuplicates} allowed, one per failover): source ids {Ids(duplicated)} ({extraCopies} extra copies)");

        return new PairAudit(pairId, sourceChatId, destinationChatId, problems, sources.Count, copies.Count, duplicated, replies, linked);
    }

    /// <summary>Every copy of a source reply (a message of an album replying counts for the whole album, as Telegram sends
    /// an album as replies together) against its parent's copies in the same destination. Copy mode: a live parent with a
    /// live copy must be replied to through a live copy of it; a parent without a live copy (deleted, or never copied) leaves
    /// the copy replying to nothing or to a copy of it since deleted; a copy never replies to anything but a copy of its
    /// parent. Forward mode: no copy replies. Returns the copies of replies checked, how many of them reply (to a copy of the
    /// parent) and what is wrong.</summary>
    private static (int Checked, int Linked, List<string> Wrong) CheckReplies(ForwardMode mode, IReadOnlyList<SimMessage> sources,
        IReadOnlyDictionary<long, List<SimMessage>> bySource, IReadOnlyDictionary<long, SimMessage> destination, Func<SimMessage, long?> sourceOf)
    {
        var byId = sources.ToDictionary(m => m.Id);
        var albumParent = sources.Where(m => m.MediaGroupId is not null && m.ReplyToMessageId is not null)
            .GroupBy(m => m.MediaGroupId!).ToDictionary(g => g.Key, g => g.First().ReplyToMessageId!.Value);
        long? ParentOf(SimMessage m) => m.ReplyToMessageId ?? (m.MediaGroupId is { } g && albumParent.TryGetValue(g, out var p) ? p : null);

        var wrong = new List<string>();
        var checkedCount = 0;
        var linked = 0;
        foreach (var (sourceId, copiesOfIt) in bySource)
        {
            if (!byId.TryGetValue(sourceId, out var message)) continue;
            var parent = ParentOf(message);
            foreach (var copy in copiesOfIt)
            {
                var target = copy.ReplyToMessageId is { } t ? destination.GetValueOrDefault(t) : null;
                var what = $"copy {copy.Id} of {sourceId}";
                if (mode == ForwardMode.Forward)
                {
                    if (copy.ReplyToMessageId is not null) wrong.Add($"{what} (a forward) replies to {copy.ReplyToMessageId}");
                    continue;
                }
                if (parent is not { } p)
                {
                    if (copy.ReplyToMessageId is not null) wrong.Add($"{what} replies to {copy.ReplyToMessageId}, its source replies to nothing");
                    continue;
                }
                checkedCount++;
                if (copy.ReplyToMessageId is not null) linked++;
                var parentLive = byId.TryGetValue(p, out var parentMessage) && !parentMessage.IsDeleted;
                var liveParentCopies = (bySource.GetValueOrDefault(p) ?? []).Where(c => !c.IsDeleted).Select(c => c.Id).ToList();
                if (copy.ReplyToMessageId is { } r && (target is null || sourceOf(target) != p))
                    wrong.Add($"{what} replies to {r}, not to a copy of its parent {p}");
                else if (parentLive && liveParentCopies.Count > 0 && (target is null || target.IsDeleted))
                    wrong.Add($"{what} replies to {(target is null ? "nothing" : $"the deleted copy {target.Id}")}, its parent {p} has the live cop{(liveParentCopies.Count == 1 ? "y" : "ies")} {string.Join(",", liveParentCopies)}");
            }
        }
        return (checkedCount, linked, wrong);
    }

    public override string ToString()
        => $"pair {PairId} (source chat {SourceChatId} -> destination chat {DestinationChatId}, {SourceMessages} source messages, {Copies} copies, {Replies} copies of replies, {LinkedReplies} of them linked): "
           + (Ok ? "ok" : string.Join("; ", Problems));

    private static string Some(IReadOnlyCollection<string> items)
        => string.Join("; ", items.Take(10)) + (items.Count > 10 ? $" and {items.Count - 10} more" : "");

    private static string Ids(IReadOnlyCollection<long> ids)
        => ids.Count <= 30 ? string.Join(",", ids) : string.Join(",", ids.Take(30)) + $" and {ids.Count - 30} more";
}
