using Cluster.AdminBot.Access;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.AdminBot.TelegramFrontEnd;

/// <summary>The Telegram front end on Telegram.Bot: long-polls the admin bot's token (the offset kept durably), publishes the command
/// menu (setMyCommands), answers allow-listed admins in private chats through the <see cref="CommandDispatcher"/>, edits the message of a
/// pressed button with its command's reply, hands files sent to the bot to the open conversation (e.g. an audience), and deletes messages that held a secret once used.</summary>
/// <remarks>Anyone else gets one polite refusal, once ever per user, and nothing runs for them.</remarks>
public sealed partial class TelegramFrontEndService(
    ITelegramBotClient bot,
    IUpdateOffsetStore offsets,
    IOptions<LongPollerOptions> pollerOptions,
    CommandDispatcher dispatcher,
    AdminAllowList allowList,
    IRefusalBook refusals,
    AdminBotRun run,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<TelegramFrontEndService> logger) : BackgroundService
{
    public const string Refusal = "Sorry, this bot only serves the cluster's administrators.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var me = await bot.GetMe(stoppingToken);
            await bot.SetMyCommands(dispatcher.Descriptors.Select(d => new BotCommand { Command = d.Name, Description = KeyboardMapper.FitToast(d.Description) }),
                cancellationToken: stoppingToken);
            Log.Started(logger, me.Id, me.Username ?? me.FirstName, dispatcher.Descriptors.Count);
            var poller = new LongPoller(bot, offsets, pollerOptions.Value, loggerFactory.CreateLogger<LongPoller>());
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await poller.RunAsync(HandleAsync, stoppingToken);
                }
                catch (Exception e) when (ClusterCallFailure.IsUnreachable(e))
                {
                    // The offset lives in the cluster: while no silo answers, wait and poll again from the saved offset
                    // (an update handled but not yet saved comes once more), rather than stopping the bot.
                    Log.ClusterUnavailable(logger, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ApiRequestException e) when (e.ErrorCode == 401)
        {
            run.FailureReason = "Telegram refused the admin bot's token (401 Unauthorized): check Telegram:Bot:Token.";
            Log.Stopped(logger, run.FailureReason);
            lifetime.StopApplication();
        }
        catch (Exception e) when (e is RequestException or HttpRequestException)
        {
            run.FailureReason = $"The Bot API failed at start: {e.Message}";
            Log.Stopped(logger, run.FailureReason);
            lifetime.StopApplication();
        }
    }

    /// <summary>One update: a message from a private chat, or a pressed button.</summary>
    internal async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.Message is { From: { } from, Text: { } text } message && message.Chat.Type == ChatType.Private)
            await HandleMessageAsync(from, message, text, cancellationToken);
        else if (update.Message is { From: { } sender, Document: { } document } withFile && withFile.Chat.Type == ChatType.Private)
            await HandleDocumentAsync(sender, withFile, document, cancellationToken);
        else if (update.CallbackQuery is { } query)
            await HandleButtonAsync(query, cancellationToken);
    }

    private async Task HandleMessageAsync(User from, Message message, string text, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(from, message.Chat.Id, cancellationToken)) return;
        var admin = Identity(from);
        var command = CommandTextParser.ParseMessage(text);
        var reply = command is null
            ? await dispatcher.ContinueAsync(text, admin, cancellationToken)
            : await dispatcher.DispatchAsync(command, admin, cancellationToken);
        if (reply.DeleteInput)
        {
            try
            {
                await bot.DeleteMessage(message.Chat.Id, message.MessageId, cancellationToken);
            }
            catch (RequestException e)
            {
                Log.DeleteFailed(logger, message.MessageId, e.Message);
            }
        }
        await bot.SendMessage(message.Chat.Id, KeyboardMapper.Fit(reply.Text), replyMarkup: KeyboardMapper.ToKeyboard(reply), cancellationToken: cancellationToken);
    }

    /// <summary>A file sent to the bot: an answer to the admin's open conversation (its caption is not read).</summary>
    private async Task HandleDocumentAsync(User from, Message message, Document document, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(from, message.Chat.Id, cancellationToken)) return;
        var reply = await dispatcher.ContinueWithDocumentAsync(new AdminDocument(document.FileId, document.FileName, document.MimeType, document.FileSize),
            Identity(from), cancellationToken);
        await bot.SendMessage(message.Chat.Id, KeyboardMapper.Fit(reply.Text), replyMarkup: KeyboardMapper.ToKeyboard(reply), cancellationToken: cancellationToken);
    }

    private async Task HandleButtonAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        if (!await AllowedAsync(query.From, chatId, cancellationToken))
        {
            await AnswerAsync(query, null, cancellationToken);
            return;
        }
        var admin = Identity(query.From);
        var data = query.Data ?? "";
        var command = CommandTextParser.ParseMessage(data);
        var reply = command is null
            ? await dispatcher.ContinueAsync(data, admin, cancellationToken)
            : await dispatcher.DispatchAsync(command, admin, cancellationToken);
        await AnswerAsync(query, reply.Toast ?? (reply.Succeeded ? null : reply.Text), cancellationToken);
        // An inaccessible message (too old) comes with date 0: it cannot be edited, so the reply is sent instead.
        if (query.Message is { } shown && shown.Date > DateTime.UnixEpoch)
        {
            try
            {
                await bot.EditMessageText(shown.Chat.Id, shown.MessageId, KeyboardMapper.Fit(reply.Text), replyMarkup: KeyboardMapper.ToKeyboard(reply),
                    cancellationToken: cancellationToken);
                return;
            }
            catch (ApiRequestException e) when (BotApiErrors.IsNotModified(e))
            {
                return; // the same page pressed twice
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400)
            {
                Log.EditFailed(logger, shown.MessageId, e.Message);
            }
        }
        await bot.SendMessage(chatId, KeyboardMapper.Fit(reply.Text), replyMarkup: KeyboardMapper.ToKeyboard(reply), cancellationToken: cancellationToken);
    }

    private async Task AnswerAsync(CallbackQuery query, string? text, CancellationToken cancellationToken)
    {
        try
        {
            await bot.AnswerCallbackQuery(query.Id, text is null ? null : KeyboardMapper.FitToast(text), cancellationToken: cancellationToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            Log.AnswerFailed(logger, e.Message); // too old (the bot was down): the reply still comes as a message edit
        }
    }

    private async Task<bool> AllowedAsync(User from, long chatId, CancellationToken cancellationToken)
    {
        if (allowList.IsAdmin(from.Id)) return true;
        if (await refusals.MarkRefusedAsync(from.Id, cancellationToken))
        {
            Log.Refused(logger, from.Id);
            await bot.SendMessage(chatId, Refusal, cancellationToken: cancellationToken);
        }
        return false;
    }

    private static AdminIdentity Identity(User user) => new(user.Id, user.Username is { } u ? "@" + u : user.FirstName, AdminTransport.Telegram);

    private static partial class Log
    {
        [LoggerMessage(6101, LogLevel.Information, "Admin bot {BotId} (@{Username}) polling; {Commands} commands published")]
        public static partial void Started(ILogger logger, long botId, string username, int commands);

        [LoggerMessage(6102, LogLevel.Error, "Admin bot stopped: {Reason}")]
        public static partial void Stopped(ILogger logger, string reason);

        [LoggerMessage(6103, LogLevel.Information, "Refused user {UserId}: not an admin (told once)")]
        public static partial void Refused(ILogger logger, long userId);

        [LoggerMessage(6104, LogLevel.Warning, "Could not delete message {MessageId} that held a secret: {Error}")]
        public static partial void DeleteFailed(ILogger logger, int messageId, string error);

        [LoggerMessage(6105, LogLevel.Warning, "Could not edit message {MessageId} with a button's reply: {Error}")]
        public static partial void EditFailed(ILogger logger, int messageId, string error);

        [LoggerMessage(6107, LogLevel.Warning, "The cluster did not answer the admin bot ({Error}); polling again in 5 s")]
        public static partial void ClusterUnavailable(ILogger logger, string error);

        [LoggerMessage(6106, LogLevel.Debug, "Callback query not answered: {Error}")]
        public static partial void AnswerFailed(ILogger logger, string error);
    }
}
