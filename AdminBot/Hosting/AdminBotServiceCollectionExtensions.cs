using Cluster.AdminBot.Access;
using Cluster.AdminBot.Audit;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Handlers;
using Cluster.AdminBot.TelegramFrontEnd;
using Cluster.Hosting.Hosting;
using Cluster.Telegram.Bots.Hosting;
using Cluster.Telegram.Bots.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.AdminBot.Hosting;

/// <summary>Wiring of the admin bot: the Orleans cluster client, the command handlers and their dispatcher (shared by
/// both front ends), and the Telegram front end.</summary>
public static class AdminBotServiceCollectionExtensions
{
    /// <summary>The admin bot as an Orleans client of the cluster (<see cref="ClusterClientBuilderExtensions.UseClusterClient"/>:
    /// <c>Cluster:ClusterId</c>, <c>Cluster:Gateways</c> or <c>Cluster:GatewayPort</c>, <c>Cluster:Storage:*</c>).
    /// <paramref name="connectAttempts"/> is how many times it tries to reach a gateway at start, 2 s apart (null: until
    /// it succeeds, as the long-running bot does while the cluster is starting).</summary>
    public static IHostApplicationBuilder AddAdminClusterClient(this IHostApplicationBuilder builder, int? connectAttempts)
    {
        var target = ClusterTarget.From(builder.Configuration);
        var callTimeout = builder.Configuration.GetSection(AdminBotOptions.SectionName).GetValue("CallTimeout", new AdminBotOptions().CallTimeout);
        builder.UseOrleansClient(client => client.UseClusterClient(builder.Configuration).UseConnectionRetryFilter<GatewayRetryFilter>()
            .Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = callTimeout));
        builder.Services.AddSingleton(new GatewayRetryFilter.Attempts(connectAttempts));
        builder.Services.AddSingleton(target);
        builder.Services.TryAddSingleton<ClusterView>();
        return builder;
    }

    /// <summary>The handlers of every admin command and the dispatcher both front ends use; options from <c>AdminBot</c>.</summary>
    public static IServiceCollection AddAdminCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminBotOptions>().Bind(configuration.GetSection(AdminBotOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClusterView>();
        services.TryAddSingleton<FleetDirectory>();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton<ConversationRunner>();
        services.TryAddSingleton<LogAuditTrail>();
        services.TryAddSingleton<IAdminAuditTrail, GrainAuditTrail>();
        services.TryAddSingleton<AuditRecorder>();
        services.AddSingleton<IAdminCommandHandler, WorkersHandler>();
        services.AddSingleton<IAdminCommandHandler, WorkerStatsHandler>();
        services.AddSingleton<IAdminCommandHandler, WorkerControlHandler>();
        services.AddSingleton<IAdminCommandHandler, PairsHandler>();
        services.AddSingleton<IAdminCommandHandler, PairHandler>();
        services.AddSingleton<IAdminCommandHandler, PairControlHandler>();
        services.AddSingleton<IAdminCommandHandler, SilosHandler>();
        services.AddSingleton<IAdminCommandHandler, RebalanceHandler>();
        services.AddSingleton<IAdminCommandHandler, AddWorkerHandler>();
        services.AddSingleton<IAdminCommandHandler, AssignChannelsHandler>();
        services.AddSingleton<IAdminCommandHandler, AddPairHandler>();
        services.AddSingleton<IAdminCommandHandler, GroupsHandler>();
        services.AddSingleton<IAdminCommandHandler, Broadcasts.BroadcastHandler>();
        services.AddSingleton<IAdminCommandHandler, CampaignsHandler>();
        services.AddSingleton<IAdminCommandHandler, CampaignHandler>();
        services.AddSingleton<IAdminCommandHandler, NewCampaignHandler>();
        services.TryAddSingleton<CommandDispatcher>();
        return services;
    }

    /// <summary>The Telegram front end: Telegram.Bot's client (limited by ours) for <c>Telegram:Bot:Token</c> (and <c>Telegram:Bot:BaseUrl</c>),
    /// long polling (<c>Telegram:Bot:Polling:*</c>), the allow-list, files sent to the bot read through that client; conversations, the poll offset and the refusal memory
    /// kept in the cluster (admin session grains), so a restarted bot carries on where it stopped.</summary>
    public static IServiceCollection AddAdminTelegramFrontEnd(this IServiceCollection services, IConfiguration configuration)
    {
        services.Replace(ServiceDescriptor.Singleton<IConversationStore, SessionGrainConversationStore>());
        services.AddBotClient(configuration.GetSection("Telegram:Bot"));
        services.AddOptions<LongPollerOptions>().Bind(configuration.GetSection("Telegram:Bot:Polling"));
        services.TryAddSingleton<AdminAllowList>();
        services.TryAddSingleton<IRefusalBook, SessionGrainRefusalBook>();
        services.TryAddSingleton<IUpdateOffsetStore, SessionGrainUpdateOffsetStore>();
        services.TryAddSingleton<AdminBotRun>();
        services.TryAddSingleton<IAdminFileSource, TelegramFileSource>();
        services.AddHostedService<TelegramFrontEndService>();
        return services;
    }
}
