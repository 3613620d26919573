using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Feeds;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.ReferenceData;
using Scalar.AspNetCore;

namespace ChampionNetwork.InsightHub.Extensions;

internal static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddInsightSilo();
        builder.AddChampionMessaging("eventbus", typeof(Program).Assembly);

        builder.Services.AddSingleton(AreaRegistry.Default);
        builder.Services.AddSingleton(DisclosurePolicy.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<AreaFeedBuilder>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}
