using Cluster.Grains.Abstractions.Broadcasts;

namespace Cluster.Grains.Broadcasts;

/// <summary>A bot's broadcasts (see <see cref="IBotBroadcastsGrain"/>).</summary>
[GrainType("bot-broadcasts")]
public sealed class BotBroadcastsGrain([PersistentState("broadcasts")] IPersistentState<BotBroadcastsState> state, TimeProvider time)
    : Grain, IBotBroadcastsGrain
{
    /// <summary>How many ids are listed.</summary>
    public const int Kept = 50;

    /// <summary>Telegram's bot-wide window: a send counts in it for a second.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public async Task<TimeSpan> BeginAsync(string broadcastId)
    {
        ArgumentException.ThrowIfNullOrEmpty(broadcastId);
        var s = state.State;
        if (s.Sending is { } other && other != broadcastId)
            throw new InvalidOperationException($"bot {this.GetPrimaryKeyString()} is sending broadcast {other}: one broadcast of a bot sends at a time (Telegram's limit is per bot). Pause or cancel it, or wait until it is done.");
        var takeover = s.Sending == broadcastId;
        s.Sending = broadcastId;
        s.Latest.Remove(broadcastId);
        s.Latest.Insert(0, broadcastId);
        if (s.Latest.Count > Kept) s.Latest.RemoveRange(Kept, s.Latest.Count - Kept);
        await state.WriteStateAsync();
        // Taking over (a new activation of the same broadcast): its previous activation's last sends may still count.
        if (takeover) return Window;
        return s.LastStoppedAt is { } stopped && stopped + Window > time.GetUtcNow() ? stopped + Window - time.GetUtcNow() : TimeSpan.Zero;
    }

    public async Task EndAsync(string broadcastId)
    {
        if (state.State.Sending != broadcastId) return;
        state.State.Sending = null;
        state.State.LastStoppedAt = time.GetUtcNow();
        await state.WriteStateAsync();
    }

    public Task<(string? Sending, IReadOnlyList<string> Latest)> ListAsync() =>
        Task.FromResult<(string?, IReadOnlyList<string>)>((state.State.Sending, state.State.Latest.ToList()));
}
