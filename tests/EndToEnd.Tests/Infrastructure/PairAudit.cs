using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>Compares a source channel with one destination of a copying pair, message by message, as a user reading
/// both would: every source message still there has a copy with its current text, no deleted one still shows a copy,
/// copies appear in source order, and a message is copied more than once only a bounded number of times. Copies are
/// matched to their source message by the simulator's inspection-only <see cref="SimMessage.CopiedFrom"/>.</summary>
internal sealed record PairAudit(string PairId, long SourceChatId, long DestinationChatId, IReadOnlyList<string> Problems, int SourceMessages, int Copies,
    IReadOnlyList<long> DuplicatedSourceIds)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>Checks <paramref name="source"/> against <paramref name="destination"/> (both with deleted messages
    /// included). At most <paramref name="allowedDuplicates"/> sends (a message or an album) may have been repeated.</summary>
    public static PairAudit Check(string pairId, long sourceChatId, long destinationChatId, IReadOnlyList<SimMessage> source, IReadOnlyList<SimMessage> destination, int allowedDuplicates)
    {
        var problems = new List<string>();
        var sources = source.Where(m => !m.IsService).OrderBy(m => m.Id).ToList();
        var copies = destination.Where(m => !m.IsService).OrderBy(m => m.Id).ToList();
        var foreign = copies.Where(c => c.CopiedFrom?.ChatId != sourceChatId).Select(c => c.Id).ToList();
        if (foreign.Count > 0) problems.Add($"destination messages {Ids(foreign)} are not copies of source chat {sourceChatId}");
        var bySource = copies.Where(c => c.CopiedFrom?.ChatId == sourceChatId).GroupBy(c => c.CopiedFrom!.MessageId).ToDictionary(g => g.Key, g => g.ToList());

        var missing = new List<long>();
        var staleText = new List<string>();
        var deletedShown = new List<long>();
        foreach (var message in sources)
        {
            var all = bySource.GetValueOrDefault(message.Id) ?? [];
            var live = all.Where(c => !c.IsDeleted).ToList();
            // A message sent twice (resent after a crash, counted below) left a copy the pair does not know of: edits and
            // deletions reach the copy it knows, so one copy must follow the source; the extra one is the duplicate.
            if (!message.IsDeleted)
            {
                if (live.Count == 0) missing.Add(message.Id);
                else if (all.Count == 1 ? live[0].Text != message.Text : live.All(c => c.Text != message.Text))
                    staleText.Add($"{message.Id} (source \"{message.Text}\", copy {live[0].Id} \"{live[0].Text}\")");
            }
            else if (live.Count == all.Count && live.Count > 0)
            {
                deletedShown.Add(message.Id);
            }
        }
        if (missing.Count > 0) problems.Add($"source messages missing at the destination: {Ids(missing)}");
        if (staleText.Count > 0) problems.Add($"edits not mirrored: {string.Join("; ", staleText.Take(10))}{(staleText.Count > 10 ? $" and {staleText.Count - 10} more" : "")}");
        if (deletedShown.Count > 0) problems.Add($"deleted source messages still shown at the destination: {Ids(deletedShown)}");

        var unknown = bySource.Keys.Except(sources.Select(m => m.Id)).ToList();
        if (unknown.Count > 0) problems.Add($"copies of source ids the source never had: {Ids(unknown)}");

        // Order: the first copy of each source message must come after the first copies of every earlier one.
        var firstSeen = new HashSet<long>();
        var highest = long.MinValue;
        var outOfOrder = new List<string>();
        foreach (var copy in copies.Where(c => c.CopiedFrom?.ChatId == sourceChatId))
        {
            var id = copy.CopiedFrom!.MessageId;
            if (!firstSeen.Add(id)) continue;
            if (id < highest) outOfOrder.Add($"source {id} (copy {copy.Id}) after source {highest}");
            highest = Math.Max(highest, id);
        }
        if (outOfOrder.Count > 0) problems.Add($"copies out of source order: {string.Join("; ", outOfOrder.Take(10))}{(outOfOrder.Count > 10 ? $" and {outOfOrder.Count - 10} more" : "")}");

        // Duplicates are counted per send: an album repeated is one repeated send, not one per item.
        var duplicated = bySource.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).ToList();
        var albumOf = sources.ToDictionary(m => m.Id, m => m.MediaGroupId);
        var repeatedSends = duplicated.GroupBy(id => albumOf.GetValueOrDefault(id) ?? $"single:{id}").Count();
        var extraCopies = bySource.Values.Sum(v => v.Count - 1);
        if (repeatedSends > allowedDuplicates)
            problems.Add($"{repeatedSends} sends repeated (more than the {allowedDuplicates} allowed, one per failover): source ids {Ids(duplicated)} ({extraCopies} extra copies)");

        return new PairAudit(pairId, sourceChatId, destinationChatId, problems, sources.Count, copies.Count, duplicated);
    }

    public override string ToString()
        => $"pair {PairId} (source chat {SourceChatId} -> destination chat {DestinationChatId}, {SourceMessages} source messages, {Copies} copies): "
           + (Ok ? "ok" : string.Join("; ", Problems));

    private static string Ids(IReadOnlyCollection<long> ids)
        => ids.Count <= 30 ? string.Join(",", ids) : string.Join(",", ids.Take(30)) + $" and {ids.Count - 30} more";
}
