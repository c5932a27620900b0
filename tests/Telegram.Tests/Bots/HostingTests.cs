using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Hosting;
using Cluster.Telegram.Tests.Bots.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Cluster.Telegram.Tests.Bots;

/// <summary>AddBotClient binds the options keys, validates them by name, and keeps the token out of HttpClient logs.</summary>
/// <remarks>Uses a plain service provider, as a host would build.</remarks>
public sealed class HostingTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, CapturingLoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => { b.SetMinimumLevel(LogLevel.Trace); if (logs is not null) b.AddProvider(logs); });
        services.AddBotClient(configuration.GetSection("Telegram:Bot"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Options_are_bound_from_the_configuration_keys()
    {
        using var provider = Build(new()
        {
            ["Telegram:Bot:BaseUrl"] = "http://localhost:8081",
            ["Telegram:Bot:RequestTimeout"] = "00:00:05",
            ["Telegram:Bot:Limits:MessagesPerSecond"] = "25",
            ["Telegram:Bot:Limits:PaidBroadcastMessagesPerSecond"] = "500",
            ["Telegram:Bot:Limits:MaxRetryAfter"] = "00:02:00",
        });

        var options = provider.GetRequiredService<IOptions<BotClientOptions>>().Value;

        Assert.Equal("http://localhost:8081", options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RequestTimeout);
        Assert.Equal(25, options.Limits.MessagesPerSecond);
        Assert.Equal(500, options.Limits.EffectiveMessagesPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Limits.MaxRetryAfter);
    }

    [Fact]
    public void A_wrong_setting_is_reported_by_name()
    {
        using var provider = Build(new() { ["Telegram:Bot:Limits:GroupMessagesPerMinute"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BotClientOptions>>().Value);

        Assert.Contains("GroupMessagesPerMinute", error.Message);
    }

    [Fact]
    public void The_factory_gives_one_client_per_token()
    {
        using var provider = Build([]);
        var factory = provider.GetRequiredService<IBotClientFactory>();

        Assert.Same(factory.GetClient("1:a"), factory.GetClient("1:a"));
        Assert.IsType<LimitedBotClient>(factory.GetClient("1:a")); // nobody gets Telegram.Bot's client without the limiter
        Assert.NotSame(factory.GetClient("1:a"), factory.GetClient("2:b"));
        Assert.Equal(2, factory.GetClient("2:b").BotId);
    }

    [Fact]
    public void Without_a_token_the_default_client_says_what_is_missing()
    {
        using var provider = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ITelegramBotClient>());

        Assert.Contains("BotClientOptions.Token", error.Message);
    }

    [Fact]
    public async Task Calls_through_the_registered_client_do_not_log_the_token()
    {
        await using var server = await FakeBotApiServer.StartAsync((_, _, r) => FakeBotApiServer.Ok(r, """{"id":123456,"is_bot":true,"first_name":"B"}"""));
        var logs = new CapturingLoggerProvider();
        using var provider = Build(new() { ["Telegram:Bot:Token"] = FakeBotApiServer.Token, ["Telegram:Bot:BaseUrl"] = server.BaseUrl }, logs);

        var me = await provider.GetRequiredService<ITelegramBotClient>().GetMe();

        Assert.Equal(123456, me.Id);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(FakeBotApiServer.Token.Split(':')[1]));
    }
}
