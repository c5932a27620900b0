using System.Net.Http;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Telegram.Bots;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.Grains.Broadcasts;

/// <summary>Sends a broadcast's message to one user through the bot's limited Telegram.Bot client and says what came of it.</summary>
internal static class BroadcastSender
{
    /// <summary>What one send came to: the recipient's new state (Pending: not sent, try again after <see cref="Outcome.RetryAfter"/>).</summary>
    public readonly record struct Outcome(RecipientRecord Record, TimeSpan RetryAfter = default);

    public static async Task<Outcome> SendAsync(ITelegramBotClient client, BroadcastMessage message, long userId, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await SendMessageAsync(client, message, userId, cancellationToken);
            return new(new RecipientRecord(userId, RecipientState.Sent, sent.MessageId));
        }
        catch (ApiRequestException e) when (BotApiErrors.IsBlockedByUser(e))
        {
            return new(new RecipientRecord(userId, RecipientState.Blocked, Error: e.Message));
        }
        catch (ApiRequestException e) when (e.ErrorCode == 429)
        {
            // The limiter waited out what it could; a longer pause comes back here. Not sent: pending again after the pause.
            var wait = LimitedBotClient.RetryAfter(e);
            return new(new RecipientRecord(userId, RecipientState.Pending, Error: e.Message), wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
        }
        catch (ApiRequestException e) when (e.ErrorCode >= 500)
        {
            // Telegram's own failure: it did not take the message; try again shortly.
            return new(new RecipientRecord(userId, RecipientState.Pending, Error: e.Message), TimeSpan.FromSeconds(1));
        }
        catch (ApiRequestException e)
        {
            return new(new RecipientRecord(userId, RecipientState.Failed, Error: e.Message));
        }
        catch (RequestException e) when (NeverLeft(e))
        {
            return new(new RecipientRecord(userId, RecipientState.Pending, Error: e.Message), TimeSpan.FromSeconds(1));
        }
        catch (RequestException e)
        {
            // No answer (a timeout, a dropped connection): Telegram may or may not have it. Left in doubt (Sending), to be looked for.
            return new(new RecipientRecord(userId, RecipientState.Sending, Error: "no answer: " + e.Message));
        }
    }

    /// <summary>The request could not have reached the server: the connection was never made.</summary>
    private static bool NeverLeft(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }) return true;
        return false;
    }

    private static Task<Message> SendMessageAsync(ITelegramBotClient client, BroadcastMessage message, long userId, CancellationToken cancellationToken)
    {
        var entities = message.Entities is { Count: > 0 } list ? list.Select(ToEntity).ToArray() : null;
        var caption = string.IsNullOrEmpty(message.Text) ? null : message.Text;
        return message.MediaKind switch
        {
            null => client.SendMessage(userId, message.Text, entities: entities, cancellationToken: cancellationToken),
            BroadcastMediaKind.Photo => client.SendPhoto(userId, InputFile.FromFileId(message.MediaFileId!), caption, captionEntities: entities, cancellationToken: cancellationToken),
            BroadcastMediaKind.Video => client.SendVideo(userId, InputFile.FromFileId(message.MediaFileId!), caption, captionEntities: entities, cancellationToken: cancellationToken),
            BroadcastMediaKind.Document => client.SendDocument(userId, InputFile.FromFileId(message.MediaFileId!), caption, captionEntities: entities, cancellationToken: cancellationToken),
            BroadcastMediaKind.Animation => client.SendAnimation(userId, InputFile.FromFileId(message.MediaFileId!), caption, captionEntities: entities, cancellationToken: cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.MediaKind, "Unknown media kind."),
        };
    }

    /// <summary>The Bot API's entity from ours: "text_link" is Telegram.Bot's <see cref="MessageEntityType.TextLink"/>.</summary>
    public static MessageEntity ToEntity(BroadcastEntity e) => new()
    {
        Type = ParseType(e.Type) ?? throw new ArgumentException($"Unknown entity type '{e.Type}'."),
        Offset = e.Offset,
        Length = e.Length,
        Url = e.Url,
    };

    public static MessageEntityType? ParseType(string type) =>
        Enum.TryParse<MessageEntityType>(type.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;
}
