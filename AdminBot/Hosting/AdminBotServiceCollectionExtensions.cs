using Cluster.AdminBot.Access;
using Cluster.AdminBot.Audit;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Handlers;
using Cluster.AdminBot.TelegramFrontEnd;
using Cluster.Grains.Abstractions;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage;
using Cluster.Telegram.Bots.Hosting;
using Cluster.Telegram.Bots.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cluster.AdminBot.Hosting;

/// <summary>Wiring of the admin bot: the cluster client, the command handlers and their dispatcher (shared by both front
/// ends), and the Telegram front end.</summary>
public static class AdminBotServiceCollectionExtensions
{
    /// <summary>The cluster client and management, reading <c>Cluster:Secret</c> and <c>Cluster:Storage:*</c> (or
    /// <c>Cluster:Gateways</c>) like the silos, with the JSON contexts of the grain interfaces the bot calls.</summary>
    public static IServiceCollection AddAdminClusterClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(d => d.ServiceType == typeof(IClusterStorage)))
            services.AddClusterStorage(configuration.GetSection(ClusterStorageOptions.SectionName));
        services.AddClusterClient(configuration);
        services.AddClusterManagement(configuration);
        services.AddGrainJsonContext(GrainsJsonContext.Default);
        services.AddGrainJsonContext(GuardJsonContext.Default);
        return services;
    }

    /// <summary>The handlers of every admin command and the dispatcher both front ends use; options from <c>AdminBot</c>.</summary>
    public static IServiceCollection AddAdminCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminBotOptions>().Bind(configuration.GetSection(AdminBotOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
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
        services.TryAddSingleton<CommandDispatcher>();
        return services;
    }

    /// <summary>The Telegram front end: the Bot API client for <c>Telegram:Bot:Token</c> (and <c>Telegram:Bot:BaseUrl</c>),
    /// long polling (<c>Telegram:Bot:Polling:*</c>), the allow-list; conversations, the poll offset and the refusal memory
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
        services.AddHostedService<TelegramFrontEndService>();
        return services;
    }
}
