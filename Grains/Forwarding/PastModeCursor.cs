using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Forwarding;

/// <summary>Progress of a past-mode run over the source history between two ids (inclusive), stored in the pair's
/// state: one history page at a time, fetched only when the previous page is sent, so the queue stays small.</summary>
public sealed record PastModeCursor(
    long FromId,
    long ToId,
    long NextAfterId,
    long Queued,
    long Filtered,
    bool Completed,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Starts a run; throws ArgumentException when the range is empty or not positive.</summary>
    public static PastModeCursor Start(PastModeRequest request, DateTimeOffset now)
    {
        if (request.FromMessageId < 1)
            throw new ArgumentException($"FromMessageId must be at least 1 (is {request.FromMessageId}).", nameof(request));
        if (request.ToMessageId < request.FromMessageId)
            throw new ArgumentException($"ToMessageId ({request.ToMessageId}) must not be below FromMessageId ({request.FromMessageId}).", nameof(request));
        return new PastModeCursor(request.FromMessageId, request.ToMessageId, request.FromMessageId - 1, 0, 0, false, now, null);
    }

    /// <summary>The next page to fetch (after <see cref="NextAfterId"/>), or null when done.</summary>
    public HistoryPlan? PlanFetch(int pageSize)
        => Completed ? null : new HistoryPlan(NextAfterId, (int)Math.Min(pageSize, ToId - NextAfterId), IsGapFill: false);

    public bool InRange(SourceMessage message) => message.Id >= FromId && message.Id <= ToId;

    /// <summary>Records a fetched page: the next id to fetch after, whether the history ended (a short page), and how
    /// many of the page's messages were queued or filtered.</summary>
    public PastModeCursor Advance(long nextAfterId, bool historyEnded, int queued, int filtered, DateTimeOffset now)
    {
        var next = Math.Max(NextAfterId, nextAfterId);
        var completed = historyEnded || next >= ToId;
        return this with
        {
            NextAfterId = next,
            Queued = Queued + queued,
            Filtered = Filtered + filtered,
            Completed = completed,
            CompletedAt = completed ? now : null,
        };
    }

    public PastModeStatus ToStatus() => new(FromId, ToId, NextAfterId, Queued, Filtered, Completed, StartedAt, CompletedAt);
}
