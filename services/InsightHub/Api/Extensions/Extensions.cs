using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Feeds;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.InsightHub.Insight;
using ChampionNetwork.InsightHub.Subscriptions;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.ReferenceData;
using Scalar.AspNetCore;

namespace ChampionNetwork.InsightHub.Extensions;

internal static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(AreaRegistry.Default);
        // The first sink told of a publication: this silo's feed readers see it before the subscriptions are written.
        builder.Services.AddSingleton<PublishedVersions>();
        builder.Services.AddSingleton<IFeedPublicationSink>(services => services.GetRequiredService<PublishedVersions>());
        // insighthubdb first: its migrations run before the silo starts publishing feeds to the subscriptions.
        builder.AddSubscriptions();
        builder.AddInsightSilo();
        builder.AddChampionMessaging("eventbus", typeof(Program).Assembly);

        builder.Services.AddSingleton(DisclosurePolicy.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<CampaignDisclosure>();
        builder.Services.AddSingleton<RollUp>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<FeedSnapshots>();
        builder.Services.AddSingleton<FeedResponses>();
        builder.Services.AddOpenApi(options => options.AddChampionConventions());
        return builder;
    }

    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}
