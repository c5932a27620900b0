using Cluster.Telegram.Bots.Errors;
using Cluster.Telegram.Bots.Types;
using Cluster.Telegram.Bots.Types.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Telegram.Bots.Intake;

/// <summary>Receives a bot's updates by getUpdates and hands them, in order, one at a time, to a handler.</summary>
/// <remarks>Exactly once across restarts: an update's offset is saved only after its handler finished, and Telegram only forgets
/// it when the next poll asks for that offset, i.e. after the save. A crash between handling and saving repeats that one
/// update, so handlers should tolerate a repeat of the last update; nothing is ever lost.</remarks>
public sealed class LongPoller
{
    private readonly IBotClient _client;
    private readonly IUpdateOffsetStore _offsets;
    private readonly LongPollerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public LongPoller(IBotClient client, IUpdateOffsetStore offsets, LongPollerOptions? options = null,
        ILogger<LongPoller>? logger = null, TimeProvider? time = null)
    {
        _client = client;
        _offsets = offsets;
        _options = options ?? new LongPollerOptions();
        _options.Validate();
        _logger = logger ?? NullLogger<LongPoller>.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Polls until cancelled (then returns normally) or until the token is refused (throws <see cref="UnauthorizedException"/>).</summary>
    public async Task RunAsync(Func<Update, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var offset = await _offsets.LoadAsync(cancellationToken).ConfigureAwait(false);
        BotLog.PollingStarted(_logger, _client.BotId, offset);
        var failures = 0;
        long failingUpdate = -1;
        var failingAttempts = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<Update> updates;
            try
            {
                updates = await _client.GetUpdatesAsync(new GetUpdatesRequest
                {
                    Offset = offset,
                    Limit = _options.Limit,
                    Timeout = (int)_options.PollTimeout.TotalSeconds,
                    AllowedUpdates = _options.AllowedUpdates ?? UpdateType.Handled,
                }, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (UnauthorizedException)
            {
                BotLog.PollingUnauthorized(_logger, _client.BotId);
                throw;
            }
            catch (BotApiException e)
            {
                var delay = e switch
                {
                    ConflictException => _options.ConflictDelay,
                    TooManyRequestsException tooMany => tooMany.RetryAfter > _options.ErrorDelay ? tooMany.RetryAfter : _options.ErrorDelay,
                    _ => Backoff(failures++),
                };
                BotLog.PollFailed(_logger, _client.BotId, e.Message, (long)delay.TotalMilliseconds);
                if (!await DelayAsync(delay, cancellationToken).ConfigureAwait(false))
                    return;
                continue;
            }

            foreach (var update in updates.OrderBy(u => u.UpdateId))
            {
                if (cancellationToken.IsCancellationRequested)
                    return; // the rest of the batch is not confirmed and comes again after a restart
                if (update.UpdateId < offset)
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
                    failingAttempts = failingUpdate == update.UpdateId ? failingAttempts + 1 : 1;
                    failingUpdate = update.UpdateId;
                    BotLog.HandlerFailed(_logger, e, _client.BotId, update.UpdateId, failingAttempts);
                    if (failingAttempts < _options.HandlerAttempts)
                    {
                        if (!await DelayAsync(_options.ErrorDelay, cancellationToken).ConfigureAwait(false))
                            return;
                        break; // poll again from the same offset: the update comes back
                    }
                    BotLog.UpdateSkipped(_logger, _client.BotId, update.UpdateId, failingAttempts);
                }

                offset = update.UpdateId + 1;
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
