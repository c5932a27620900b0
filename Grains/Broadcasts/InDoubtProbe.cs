using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Telegram.Bots;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Cluster.Grains.Broadcasts;

/// <summary>Looks for the messages of sends in doubt. A bot numbers the messages of all its private chats from one counter of its
/// own, so a send in doubt, if Telegram made it, has an id above the floor of its intent (the highest id the broadcast knew then)
/// and below the ceiling (the id of a send that began after it had surely ended). Each unknown id of that range is tried in
/// the recipient's chat with editMessageReplyMarkup without a keyboard, which changes nothing on a message without one (as a
/// broadcast's are): "message is not modified" means the bot's message is there; "message to edit not found" that the id
/// belongs to another chat; "message can't be edited" that it is the user's. Found: Sent with that id. Not in the range: the
/// send never happened, so it is Pending (sent again). A user who blocked the bot meanwhile: Blocked.</summary>
internal static class InDoubtProbe
{
    public sealed record Entry(int Chunk, long UserId, long Floor);

    /// <summary>The entries found (Sent with the id) or blocked, the entries whose message is in none of the ids below the ceiling
    /// (<paramref name="ceiling"/> bounds every entry: they were not made; or, when it is only a search window, not found), and how
    /// many requests were made. Throws what the Bot API throws otherwise (a 429 the limiter could not wait out, no answer): the
    /// caller tries again later.</summary>
    public static async Task<(List<(Entry Entry, RecipientRecord Outcome)> Outcomes, List<Entry> NotFound, int Requests)> RunAsync(
        ITelegramBotClient client, IReadOnlyList<Entry> entries, long ceiling, IReadOnlySet<long> known, CancellationToken cancellationToken)
    {
        var open = entries.ToList();
        var outcomes = new List<(Entry, RecipientRecord)>();
        var requests = 0;
        for (var id = open.Min(e => e.Floor) + 1; id < ceiling && open.Count > 0; id++)
        {
            if (known.Contains(id)) continue; // a send of this broadcast to someone else
            // The recipients' chats side by side (each chat has its own pace in the limiter).
            var tried = open.Where(e => id > e.Floor).ToList();
            requests += tried.Count;
            var answers = await Task.WhenAll(tried.Select(e => TryAsync(client, e, id, cancellationToken)));
            foreach (var (entry, outcome) in tried.Zip(answers))
            {
                if (outcome is null) continue;
                outcomes.Add((entry, outcome));
                open.Remove(entry);
            }
        }
        return (outcomes, open, requests);
    }

    /// <summary>Whether message <paramref name="id"/> is the bot's message in the entry's chat: Sent, Blocked (the user blocked the
    /// bot), or null (not there).</summary>
    private static async Task<RecipientRecord?> TryAsync(ITelegramBotClient client, Entry entry, long id, CancellationToken cancellationToken)
    {
        try
        {
            await client.EditMessageReplyMarkup(entry.UserId, checked((int)id), replyMarkup: null, cancellationToken: cancellationToken);
            // It had a keyboard: a message of the bot's, but not the broadcast's (which has none).
            return null;
        }
        catch (ApiRequestException e) when (BotApiErrors.IsNotModified(e))
        {
            return new RecipientRecord(entry.UserId, RecipientState.Sent, (int)id);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && (Has(e, "message to edit not found") || Has(e, "can't be edited") || Has(e, "MESSAGE_ID_INVALID")))
        {
            return null;
        }
        catch (ApiRequestException e) when (BotApiErrors.IsBlockedByUser(e))
        {
            return new RecipientRecord(entry.UserId, RecipientState.Blocked, Error: e.Message);
        }
    }

    private static bool Has(ApiRequestException e, string text) => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase);
}
