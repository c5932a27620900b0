using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Cluster.Telegram.Bots.Intake;

/// <summary>Receives a bot's updates by Telegram.Bot's getUpdates and hands them, in order, one at a time, to a handler.</summary>
/// <remarks>Exactly once across restarts: an update's offset is saved only after its handler finished, and Telegram only forgets
/// it when the next poll asks for that offset, i.e. after the save. A crash between handling and saving repeats that one
/// update, so handlers should tolerate a repeat of the last update; nothing is ever lost. Telegram.Bot's own receivers
/// (StartReceiving) confirm a batch before handling it, which loses updates in a crash; hence this thin loop of ours.</remarks>
public sealed class LongPoller
{
    private readonly ITelegramBotClient _client;
    private readonly IUpdateOffsetStore _offsets;
    private readonly LongPollerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public LongPoller(ITelegramBotClient client, IUpdateOffsetStore offsets, LongPollerOptions? options = null,
        ILogger<LongPoller>? logger = null, TimeProvider? time = null)
    {
        _client = client;
        _offsets = offsets;
        _options = options ?? new LongPollerOptions();
        _options.Validate();
        _logger = logger ?? NullLogger<LongPoller>.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Polls until cancelled (then returns normally) or until the token is refused (throws the 401 <see cref="ApiRequestException"/>).</summary>
    public async Task RunAsync(Func<Update, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var offset = await _offsets.LoadAsync(cancellationToken).ConfigureAwait(false);
        BotLog.PollingStarted(_logger, _client.BotId, offset);
        var failures = 0;
        long failingUpdate = -1;
        var failingAttempts = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await _client.GetUpdates((int?)offset, _options.Limit, (int)_options.PollTimeout.TotalSeconds,
                    _options.AllowedUpdates ?? LongPollerOptions.HandledUpdates, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 401)
            {
                BotLog.PollingUnauthorized(_logger, _client.BotId);
                throw;
            }
            catch (RequestException e)
            {
                var delay = e switch
                {
                    ApiRequestException { ErrorCode: 409 } => _options.ConflictDelay,
                    ApiRequestException { ErrorCode: 429 } tooMany => LimitedBotClient.RetryAfter(tooMany) is var wait && wait > _options.ErrorDelay ? wait : _options.ErrorDelay,
                    _ => Backoff(failures++),
                };
                BotLog.PollFailed(_logger, _client.BotId, e.Message, (long)delay.TotalMilliseconds);
                if (!await DelayAsync(delay, cancellationToken).ConfigureAwait(false))
                    return;
                continue;
            }

            foreach (var update in updates.OrderBy(u => u.Id))
            {
                if (cancellationToken.IsCancellationRequested)
                    return; // the rest of the batch is not confirmed and comes again after a restart
                if (update.Id < offset)
                    continue; // already handled and saved; the server had not been told yet

                try
                {
                    await handler(update, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failingAttempts = failingUpdate == update.Id ? failingAttempts + 1 : 1;
                    failingUpdate = update.Id;
                    BotLog.HandlerFailed(_logger, e, _client.BotId, update.Id, failingAttempts);
                    if (failingAttempts < _options.HandlerAttempts)
                    {
                        if (!await DelayAsync(_options.ErrorDelay, cancellationToken).ConfigureAwait(false))
                            return;
                        break; // poll again from the same offset: the update comes back
                    }
                    BotLog.UpdateSkipped(_logger, _client.BotId, update.Id, failingAttempts);
                }

                offset = update.Id + 1;
                await _offsets.SaveAsync(offset.Value, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.ErrorDelay * Math.Pow(2, Math.Min(failures, 16));
        return delay < _options.MaxErrorDelay ? delay : _options.MaxErrorDelay;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
