using System.Net.Http.Headers;
using System.Text.Json;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.TelegramSim.BotApi;

/// <summary>POSTs each bot's updates to its webhook, one at a time and in order, with the
/// X-Telegram-Bot-Api-Secret-Token header; a failed POST is retried with growing delays and reported
/// by getWebhookInfo, as Telegram does.</summary>
internal sealed class WebhookDispatcher(SimWorld world, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly BotWireMapper _map = new(world);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Dictionary<long, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = world.WebhooksChanged;
            foreach (var botId in world.BotsWithWebhook())
            {
                if (!workers.TryGetValue(botId, out var running) || running.IsCompleted)
                    workers[botId] = Task.Run(() => RunBotAsync(botId, stoppingToken), CancellationToken.None);
            }
            try
            {
                await changed.WaitAsync(TimeSpan.FromSeconds(1), world.Time, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        try
        {
            await Task.WhenAll(workers.Values).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunBotAsync(long botId, CancellationToken stop)
    {
        var options = world.Options.Webhooks;
        var delay = options.InitialRetryDelay;
        while (!stop.IsCancellationRequested)
        {
            var work = world.NextWebhookWork(botId, out var wake, out var gone);
            if (gone) return;
            if (work is null)
            {
                try
                {
                    await wake.WaitAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            string? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, work.Url)
                {
                    Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_map.ToUpdate(work.Update, botId), SimJson.Write)),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (work.SecretToken is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", work.SecretToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(options.RequestTimeout);
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                error = response.IsSuccessStatusCode ? null : $"Wrong response from the webhook: {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                error = "Read timeout expired";
            }
            catch (HttpRequestException e)
            {
                error = e.HttpRequestError == HttpRequestError.ConnectionError ? "Connection refused" : e.Message;
            }
            if (error is null)
            {
                world.WebhookDelivered(botId, work.Update.UpdateId);
                delay = options.InitialRetryDelay;
                continue;
            }
            SimLog.WebhookFailed(logger, botId, error);
            world.WebhookFailed(botId, error);
            try
            {
                await Task.Delay(delay, world.Time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
