using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.InsightHub.Subscriptions.Data;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using ChampionNetwork.InsightHub.Subscriptions.Digests;
using ChampionNetwork.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChampionNetwork.InsightHub.Subscriptions;

public static class SubscriptionsExtensions
{
    /// <summary>
    /// insighthubdb (migrated at start-up), the subscriptions' delivery machinery, and the hook on feed publication.
    /// The worker runs in every instance; they share the deliveries through PostgreSQL row locks.
    /// </summary>
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(InsightHubDb.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{InsightHubDb.ConnectionName} is not set. Run through the AppHost (./run.sh) or set ConnectionStrings__{InsightHubDb.ConnectionName}.");
        builder.Services.AddSubscriptionDelivery(builder.Configuration, connectionString);
        builder.Services.AddHealthChecks().AddDbContextCheck<InsightHubDb>(InsightHubDb.ConnectionName, tags: [HealthTags.Ready]);
        // The schema exists before the worker and the silo (and so the feed publications) start: hosted services start in order.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, InsightHubDbInitializer>());
        builder.Services.AddSingleton<IFeedPublicationSink, FeedPublicationSink>();
        builder.Services.AddScoped<SubscriptionValidator>();
        builder.Services.AddHostedService<DeliveryWorker>();
        return builder;
    }

    /// <summary>Everything that makes deliveries, without the worker: what the tests drive on a fake clock.</summary>
    public static IServiceCollection AddSubscriptionDelivery(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.SectionName))
            .Validate(o => o.Webhooks.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), $"{SubscriptionOptions.SectionName}:Webhooks:AllowedNetworks holds a network that is not CIDR (e.g. 127.0.0.0/8).")
            .Validate(o => o.Webhooks.Timeout > TimeSpan.Zero && o.Delivery.Concurrency > 0, "Webhooks:Timeout and Delivery:Concurrency must be positive.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), $"{SubscriptionOptions.SectionName}:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddDbContext<InsightHubDb>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());
        services.AddSingleton<NoticeBuilder>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<DeliveryFactory>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<WebhookTargetPolicy>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DigestRenderer>();
        services.AddSingleton<DigestMailer>();
        services.AddSingleton<DigestScheduler>();
        services.AddSingleton<DeliveryDispatcher>();
        return services;
    }
}
